/// The header line: project, environment, region, endpoint (a LOCAL badge against the embedded local AWS) and
/// the AWS identity; the less important parts go first when the terminal is narrow.
enum HeaderView {
    private struct Segment {
        var spans: [Span]
        /// 0 always shows; higher numbers are dropped first.
        var priority: Int
    }

    static func draw(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme, g = context.glyphs
        let header = state.header
        buffer.fill(rect, style: t.header)

        var prefix = [Span(" kinetics ", t.header.adding(.bold))]
        var left: [Segment] = []
        switch header.endpoint {
        case .aws:
            break
        case .local(let url):
            prefix += [Span(" LOCAL ", t.localBadge), Span(" ", t.header)]
            left.append(Segment(spans: [Span(hostPort(url), t.headerDim)], priority: 3))
        case .custom(let url):
            prefix += [Span(" ENDPOINT ", t.remoteBadge), Span(" ", t.header)]
            left.append(Segment(spans: [Span(hostPort(url), t.headerDim)], priority: 1))
        }
        left.insert(contentsOf: [
            Segment(spans: [Span(header.projectName ?? g.ellipsis, t.header.adding(.bold))], priority: 0),
            Segment(spans: [Span("env ", t.headerDim), Span(header.env, t.header.adding(.bold))], priority: 0),
            Segment(spans: [Span(header.region ?? "region ?", header.region == nil ? t.headerDim : t.header)], priority: 2),
        ], at: 0)

        var right: [Segment] = []
        if let identity = header.identity {
            right.append(Segment(spans: [Span(identity.account, t.header)], priority: 1))
            right.append(Segment(spans: [Span(identity.arn, t.headerDim)], priority: 4))
        } else {
            right.append(Segment(spans: [Span("identity " + g.ellipsis, t.headerDim)], priority: 4))
        }

        let separator = Span(" \(g.separator) ", t.headerDim)
        func width(_ segments: [Segment]) -> Int {
            segments.reduce(0) { $0 + $1.spans.width } + max(0, segments.count - 1) * separator.width
        }
        let available = rect.width - prefix.width - 3
        while width(left) + width(right) > available {
            guard let worst = (left + right).map(\.priority).max(), worst > 0 else { break }
            if let i = right.lastIndex(where: { $0.priority == worst }) {
                right.remove(at: i)
            } else if let i = left.lastIndex(where: { $0.priority == worst }) {
                left.remove(at: i)
            }
        }
        func join(_ segments: [Segment]) -> [Span] {
            segments.enumerated().flatMap { i, s in i == 0 ? s.spans : [separator] + s.spans }
        }
        let x = buffer.put(prefix, x: rect.x, y: rect.y, clip: rect)
        buffer.put(join(left), x: x, y: rect.y, clip: rect)
        let rightSpans = join(right)
        buffer.put(rightSpans, x: rect.maxX - 1 - rightSpans.width, y: rect.y, clip: rect)
    }

    /// `127.0.0.1:5000` for `http://127.0.0.1:5000/`.
    static func hostPort(_ url: String) -> String {
        var s = Substring(url)
        if let scheme = s.range(of: "://") { s = s[scheme.upperBound...] }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
