/// A horizontal bar showing a fraction, with eighth-cell precision in Unicode.
enum ProgressBar {
    static func spans(fraction: Double, width: Int, context: RenderContext) -> [Span] {
        guard width > 0 else { return [] }
        let g = context.glyphs
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let exact = f * Double(width)
        var full = Int(exact)
        var partial = ""
        if !g.barPartial.isEmpty, full < width {
            let eighths = Int((exact - Double(full)) * 8)
            if eighths > 0 { partial = g.barPartial[min(eighths, g.barPartial.count) - 1] }
        } else if g.barPartial.isEmpty, exact - Double(full) >= 0.5, full < width {
            full += 1
        }
        let empty = width - full - (partial.isEmpty ? 0 : 1)
        var spans = [Span(String(repeating: g.barFull, count: full) + partial, context.theme.barFilled)]
        if empty > 0 { spans.append(Span(String(repeating: g.barEmpty, count: empty), context.theme.barEmpty)) }
        return spans
    }
}
