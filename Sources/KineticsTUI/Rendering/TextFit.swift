/// Fitting text into a number of columns: truncation with an ellipsis, padding, word wrapping.
enum TextFit {
    /// `text` cut to at most `width` columns; when it had to be cut, its last column is `ellipsis`.
    static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.isPrintableASCII(text) {
            if text.utf8.count <= width { return text }
        } else if DisplayWidth.of(text) <= width {
            return text
        }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard width >= ellipsisWidth else { return prefix(text, fitting: width) }
        return prefix(text, fitting: width - ellipsisWidth) + ellipsis
    }

    /// Spans cut to at most `width` columns; when cut, the ellipsis ends the span that crossed the edge.
    static func truncate(_ spans: [Span], to width: Int, ellipsis: String = "…") -> [Span] {
        guard spans.width > width else { return spans }
        let budget = width - DisplayWidth.of(ellipsis)
        guard budget >= 0 else { return [] }
        var out: [Span] = []
        var used = 0
        for span in spans {
            let w = span.width
            if used + w <= budget {
                out.append(span)
                used += w
                continue
            }
            out.append(Span(prefix(span.text, fitting: budget - used) + ellipsis, span.style))
            break
        }
        return out
    }

    /// `text` fitted to exactly `width` columns: truncated, then padded on the right (or left for `.right`).
    static func pad(_ text: String, to width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Words of `text` wrapped into lines of at most `width` columns; words longer than a line are cut.
    /// When more than `maxLines` lines would be needed, the last one kept ends in `ellipsis`.
    static func wrap(_ text: String, width: Int, maxLines: Int = .max, ellipsis: String = "…") -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var piece = String(word)
            var w = DisplayWidth.of(piece)
            if currentWidth > 0, currentWidth + 1 + w <= width {
                current += " " + piece
                currentWidth += 1 + w
                continue
            }
            if currentWidth > 0 {
                lines.append(current)
            }
            while w > width {
                let head = cut(piece, to: width)
                lines.append(head)
                piece = String(piece.dropFirst(head.count))
                w = DisplayWidth.of(piece)
            }
            current = piece
            currentWidth = w
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        let last = lines[maxLines - 1]
        let ended: String
        if DisplayWidth.of(last) + DisplayWidth.of(ellipsis) <= width {
            ended = last + ellipsis
        } else {
            ended = truncate(last + " " + lines[maxLines], to: width, ellipsis: ellipsis)
        }
        return Array(lines.prefix(maxLines - 1)) + [ended]
    }

    /// The longest prefix of `text` that fits `width` columns (possibly empty).
    static func prefix(_ text: String, fitting width: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            out.append(character)
            used += w
        }
        return out
    }

    /// The longest prefix of `text` that fits `width` columns (at least one character).
    private static func cut(_ text: String, to width: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width, !out.isEmpty { break }
            out.append(character)
            used += w
        }
        return out
    }

    enum Alignment: Hashable, Sendable {
        case left, right, center
    }
}
