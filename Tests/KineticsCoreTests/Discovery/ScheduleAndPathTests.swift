import Testing
@testable import KineticsCore

@Suite("EventBridge schedule expressions")
struct ScheduleExpressionTests {
    @Test(
        "accepts valid rate and cron expressions",
        arguments: [
            "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
            "cron(0 12 * * ? *)", "cron(15 10 ? * 6L 2022-2023)", "cron(0/15 * * * ? *)", "cron(0 8 1 * ? *)",
            "cron(0 18 ? * MON-FRI *)", "cron(0 10 ? * 3#2 *)", "cron(0 0 L * ? *)", "cron(0 0 3W * ? *)",
            "cron(5,35 14 * JAN,mar ? 2030)", "cron(0 9 ? * SUN,SAT *)", "cron(*/5 * * * ? *)", "cron(0 0 LW * ? *)",
        ]
    )
    func valid(expression: String) {
        #expect(ScheduleExpression.problem(in: expression) == nil)
    }

    @Test(
        "explains what is wrong with an invalid expression",
        arguments: [
            ("rate(1 minutes)", "`rate(1 minutes)`: with 1 the unit is singular; write `rate(1 minute)`"),
            ("rate(5 minute)", "`rate(5 minute)`: with 5 the unit is plural; write `rate(5 minutes)`"),
            ("rate(0 hours)", "`rate(0 hours)`: the value must be a whole number greater than 0, e.g. `rate(5 minutes)`"),
            ("rate(5 weeks)", "`rate(5 weeks)`: `weeks` is not a unit; use minute(s), hour(s) or day(s)"),
            ("rate(5)", "`rate(5)` must be `rate(<number> <unit>)`, e.g. `rate(5 minutes)`"),
            ("rate( 5 minutes)", "`rate( 5 minutes)` must be `rate(<number> <unit>)`, e.g. `rate(5 minutes)`"),
            ("cron(0 12 * * *)", "`cron(0 12 * * *)` has 5 fields; EventBridge needs 6: minutes hours day-of-month month day-of-week year, e.g. `cron(0 12 * * ? *)`"),
            ("cron(0 12 * * * *)", "`cron(0 12 * * * *)`: exactly one of day-of-month and day-of-week must be `?`, e.g. `cron(0 12 * * ? *)` or `cron(0 12 ? * MON *)`"),
            ("cron(0 12 ? * ? *)", "`cron(0 12 ? * ? *)`: exactly one of day-of-month and day-of-week must be `?`, e.g. `cron(0 12 * * ? *)` or `cron(0 12 ? * MON *)`"),
            ("cron(60 12 * * ? *)", "`cron(60 12 * * ? *)`: `60` is not a valid minutes value; use 0-59"),
            ("cron(0 24 * * ? *)", "`cron(0 24 * * ? *)`: `24` is not a valid hours value; use 0-23"),
            ("cron(0 12 32 * ? *)", "`cron(0 12 32 * ? *)`: `32` is not a valid day-of-month value; use 1-31"),
            ("cron(0 12 * 13 ? *)", "`cron(0 12 * 13 ? *)`: `13` is not a valid month value; use 1-12 or JAN-DEC"),
            ("cron(0 12 ? * FUN *)", "`cron(0 12 ? * FUN *)`: `FUN` is not a valid day-of-week value; use 1-7 or SUN-SAT"),
            ("cron(0 12 * * ? 1969)", "`cron(0 12 * * ? 1969)`: `1969` is not a valid year value; use 1970-2199"),
            ("cron(? 12 * * ? *)", "`cron(? 12 * * ? *)`: `?` is only allowed in day-of-month or day-of-week, not in minutes"),
            ("cron(0/0 12 * * ? *)", "`cron(0/0 12 * * ? *)`: `0/0`: the increment after `/` in minutes must be a whole number greater than 0"),
            ("cron(0 12 ? * 1/2 *)", "`cron(0 12 ? * 1/2 *)`: `/` is not allowed in day-of-week"),
            ("cron(0 12 ? * 3#1,6#3 *)", "`cron(0 12 ? * 3#1,6#3 *)`: a day-of-week with `#` must be a single expression, e.g. `3#2`; found `3#1,6#3`"),
            ("cron(0 12 ? * 3#6 *)", "`cron(0 12 ? * 3#6 *)`: `3#6`: the number after `#` must be 1 to 5"),
            ("cron(0,,5 12 * * ? *)", "`cron(0,,5 12 * * ? *)`: minutes `0,,5` has an empty item between commas"),
            ("every hour", "`every hour` is not a schedule expression: write `rate(5 minutes)` or `cron(0 12 * * ? *)`"),
        ] as [(String, String)]
    )
    func invalid(expression: String, message: String) {
        #expect(ScheduleExpression.problem(in: expression) == message)
    }
}

@Suite("Endpoint URL paths")
struct URLPathPatternTests {
    @Test("accepts literal segments, parameters and a final catch-all", arguments: [
        "/", "/orders", "/orders/", "/orders/{id}", "/users/{user_id}/orders/{id}", "/files/{*rest}",
        "/a-b.c_d~e/%20x/:colon/@at", "/v1/{Id2}",
    ])
    func valid(path: String) {
        #expect(URLPathPattern.problem(in: path) == nil)
    }

    @Test("explains what is wrong with a path", arguments: [
        ("orders", "`url_path` must start with `/`, e.g. `\"/orders\"`"),
        ("/a//b", "`/a//b` has an empty segment (`//`); remove the extra `/`"),
        ("/a/{id", "`{id` in `/a/{id`: a parameter must be a whole segment, like `/{id}` or `/{*rest}`"),
        ("/a/x{id}", "`x{id}` in `/a/x{id}`: a parameter must be a whole segment, like `/{id}` or `/{*rest}`"),
        ("/a/{}", "`{}` in `/a/{}`: a parameter must be a whole segment, like `/{id}` or `/{*rest}`"),
        ("/a/{1d}", "`{1d}` in `/a/{1d}`: a parameter name is letters, digits and `_`, not starting with a digit"),
        ("/{*rest}/more", "`{*rest}` in `/{*rest}/more`: a catch-all `{*name}` must be the last segment"),
        ("/{id}/{id}", "`/{id}/{id}` names the parameter `id` twice; give each parameter its own name"),
        ("/a?b=1", "`/a?b=1`: a `url_path` has no query or fragment; remove everything from `?` on"),
        ("/a*", "`/a*`: `*` is CloudFront's wildcard; name the segment instead, like `{id}` or `{*rest}`"),
        ("/a b", "`/a b` contains U+20; percent-encode it or use letters, digits and `-._~!$&'()+,;=:@`"),
        ("/caf\u{E9}", "`/caf\u{E9}` contains `\u{E9}`; percent-encode it or use letters, digits and `-._~!$&'()+,;=:@`"),
        ("/a%2", "`/a%2`: `%` must start an escape of two hex digits, like `%20`"),
    ] as [(String, String)])
    func invalid(path: String, message: String) {
        #expect(URLPathPattern.problem(in: path) == message)
    }

    @Test("paths that differ only in parameter names take the same route")
    func routes() {
        #expect(URLPathPattern.route(of: "/a/{id}") == URLPathPattern.route(of: "/a/{slug}"))
        #expect(URLPathPattern.route(of: "/a/{*rest}") == "/a/*")
        #expect(URLPathPattern.route(of: "/a/b") != URLPathPattern.route(of: "/a/{b}"))
    }
}
