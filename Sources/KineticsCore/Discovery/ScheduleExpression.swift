/// Checks EventBridge schedule expressions: `rate(value unit)` and six-field `cron(...)`.
///
/// The rules are EventBridge's own (scheduled rules): rate units minute/hour/day, singular exactly when the value
/// is 1; cron fields minutes, hours, day-of-month, month, day-of-week, year with their ranges and wildcards, and
/// exactly one of day-of-month and day-of-week set to `?`.
public enum ScheduleExpression {
    /// Why `expression` is not a valid schedule, as a sentence that says what to change; `nil` when it is valid.
    public static func problem(in expression: String) -> String? {
        if isValidRate(expression) { return nil }
        if expression.hasPrefix("rate("), expression.hasSuffix(")") {
            return rateProblem(String(expression.dropFirst(5).dropLast()))
        }
        if expression.hasPrefix("cron("), expression.hasSuffix(")") {
            return cronProblem(String(expression.dropFirst(5).dropLast()))
        }
        return "`\(expression)` is not a schedule expression: write `rate(5 minutes)` or `cron(0 12 * * ? *)`"
    }

    // MARK: - rate

    /// `rate(N unit)` checked on bytes, for the usual valid expression; false sends it to the full check.
    private static func isValidRate(_ expression: String) -> Bool {
        var expression = expression
        return expression.withUTF8 { isValidRate($0) }
    }

    private static func isValidRate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 7, bytes.starts(with: "rate(".utf8), bytes.last == UInt8(ascii: ")") else { return false }
        var index = 5
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, value < 1_000_000_000 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > 5, value > 0, index < bytes.count, bytes[index] == 0x20 else { return false }
        let unit = bytes[(index + 1)..<(bytes.count - 1)]
        let singular = unit.elementsEqual("minute".utf8) || unit.elementsEqual("hour".utf8) || unit.elementsEqual("day".utf8)
        let plural = unit.elementsEqual("minutes".utf8) || unit.elementsEqual("hours".utf8) || unit.elementsEqual("days".utf8)
        return value == 1 ? singular : plural
    }

    private static func rateProblem(_ body: String) -> String? {
        let parts = body.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, body.first != " ", body.last != " " else {
            return "`rate(\(body))` must be `rate(<number> <unit>)`, e.g. `rate(5 minutes)`"
        }
        guard parts[0].allSatisfy(\.isASCIIDigit), let value = Int(parts[0]), value > 0 else {
            return "`rate(\(body))`: the value must be a whole number greater than 0, e.g. `rate(5 minutes)`"
        }
        let unit = String(parts[1])
        let singular = ["minute", "hour", "day"]
        let plural = ["minutes", "hours", "days"]
        if value == 1 {
            if plural.contains(unit) { return "`rate(\(body))`: with 1 the unit is singular; write `rate(1 \(unit.dropLast()))`" }
            guard singular.contains(unit) else { return unknownUnit(unit, body: body) }
        } else {
            if singular.contains(unit) { return "`rate(\(body))`: with \(value) the unit is plural; write `rate(\(value) \(unit)s)`" }
            guard plural.contains(unit) else { return unknownUnit(unit, body: body) }
        }
        return nil
    }

    private static func unknownUnit(_ unit: String, body: String) -> String {
        "`rate(\(body))`: `\(unit)` is not a unit; use minute(s), hour(s) or day(s)"
    }

    // MARK: - cron

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let nameBase: Int
        let allowsStep: Bool
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    private static let fields: [Field] = [
        Field(name: "minutes", range: 0...59, names: [], nameBase: 0, allowsStep: true),
        Field(name: "hours", range: 0...23, names: [], nameBase: 0, allowsStep: true),
        Field(name: "day-of-month", range: 1...31, names: [], nameBase: 0, allowsStep: true),
        Field(name: "month", range: 1...12, names: months, nameBase: 1, allowsStep: true),
        Field(name: "day-of-week", range: 1...7, names: weekdays, nameBase: 1, allowsStep: false),
        Field(name: "year", range: 1970...2199, names: [], nameBase: 0, allowsStep: true),
    ]

    private static func cronProblem(_ body: String) -> String? {
        let parts = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 6 else {
            return "`cron(\(body))` has \(parts.count) field\(parts.count == 1 ? "" : "s"); EventBridge needs 6: "
                + "minutes hours day-of-month month day-of-week year, e.g. `cron(0 12 * * ? *)`"
        }
        for (index, part) in parts.enumerated() {
            if let problem = fieldProblem(part, field: fields[index], index: index) {
                return "`cron(\(body))`: \(problem)"
            }
        }
        let dayOfMonth = parts[2]
        let dayOfWeek = parts[4]
        if (dayOfMonth == "?") == (dayOfWeek == "?") {
            return "`cron(\(body))`: exactly one of day-of-month and day-of-week must be `?`, "
                + "e.g. `cron(0 12 * * ? *)` or `cron(0 12 ? * MON *)`"
        }
        return nil
    }

    private static func fieldProblem(_ text: String, field: Field, index: Int) -> String? {
        let isDayOfMonth = index == 2
        let isDayOfWeek = index == 4
        if text == "?" {
            return isDayOfMonth || isDayOfWeek ? nil : "`?` is only allowed in day-of-month or day-of-week, not in \(field.name)"
        }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if isDayOfWeek, text.contains("#"), items.count > 1 {
            return "a day-of-week with `#` must be a single expression, e.g. `3#2`; found `\(text)`"
        }
        for item in items {
            if item.isEmpty { return "\(field.name) `\(text)` has an empty item between commas" }
            if let problem = itemProblem(item, field: field, isDayOfMonth: isDayOfMonth, isDayOfWeek: isDayOfWeek) {
                return problem
            }
        }
        return nil
    }

    private static func itemProblem(_ item: String, field: Field, isDayOfMonth: Bool, isDayOfWeek: Bool) -> String? {
        if item == "?" { return "`?` must be the whole \(field.name) field" }
        if isDayOfMonth {
            if item == "L" || item == "LW" { return nil }
            if item.hasSuffix("W") {
                let day = String(item.dropLast())
                return value(day, field: field) == nil ? "`\(item)` in day-of-month needs a day 1-31 before `W`, e.g. `3W`" : nil
            }
        }
        if isDayOfWeek {
            if item == "L" { return nil }
            if item.hasSuffix("L") {
                let day = String(item.dropLast())
                return value(day, field: field) == nil ? "`\(item)` in day-of-week needs a day 1-7 or SUN-SAT before `L`" : nil
            }
            if let hash = item.firstIndex(of: "#") {
                let day = String(item[..<hash])
                let nth = String(item[item.index(after: hash)...])
                guard value(day, field: field) != nil else { return "`\(item)`: `\(day)` is not a day of the week (1-7 or SUN-SAT)" }
                guard let n = Int(nth), (1...5).contains(n) else { return "`\(item)`: the number after `#` must be 1 to 5" }
                return nil
            }
        }
        var base = item
        if let slash = item.firstIndex(of: "/") {
            guard field.allowsStep else { return "`/` is not allowed in \(field.name)" }
            base = String(item[..<slash])
            let step = String(item[item.index(after: slash)...])
            guard step.allSatisfy(\.isASCIIDigit), let increment = Int(step), increment > 0 else {
                return "`\(item)`: the increment after `/` in \(field.name) must be a whole number greater than 0"
            }
        }
        if base == "*" { return nil }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else { return "`\(item)` is not a value or range of \(field.name)" }
        for bound in bounds where value(bound, field: field) == nil {
            return outOfRange(bound, field: field)
        }
        return nil
    }

    private static func outOfRange(_ text: String, field: Field) -> String {
        let names = field.names.isEmpty ? "" : " or \(field.names.first!)-\(field.names.last!)"
        if text.isEmpty { return "\(field.name) has an empty value; use \(field.range.lowerBound)-\(field.range.upperBound)\(names)" }
        return "`\(text)` is not a valid \(field.name) value; use \(field.range.lowerBound)-\(field.range.upperBound)\(names)"
    }

    private static func value(_ text: String, field: Field) -> Int? {
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), text.count <= 4, let number = Int(text), field.range.contains(number) {
            return number
        }
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.nameBase }
        return nil
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
