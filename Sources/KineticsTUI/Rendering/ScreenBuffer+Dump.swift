/// Plain and styled text renderings of a buffer, for goldens and style assertions.
extension ScreenBuffer {
    /// The buffer as lines of plain text, trailing spaces trimmed, joined by newlines.
    func text() -> String {
        (0..<height).map { rowText($0) }.joined(separator: "\n")
    }

    /// One row as plain text, trailing spaces trimmed.
    func rowText(_ y: Int) -> String {
        var line = ""
        for x in 0..<width {
            let cell = self[x, y]
            if !cell.isContinuation { line += cell.grapheme }
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The buffer as text with a `⟦style⟧` marker wherever the style changes (`⟦⟧` back to plain), one line per
    /// row; trailing plain spaces trimmed.
    func styledDump() -> String {
        (0..<height).map { y in
            var line = ""
            var current = Style.plain
            var trailingPlainSpaces = 0
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                if cell.style != current {
                    line += String(repeating: " ", count: trailingPlainSpaces)
                    trailingPlainSpaces = 0
                    line += "⟦\(cell.style.dumpDescription)⟧"
                    current = cell.style
                }
                if current == .plain, cell.grapheme == " " {
                    trailingPlainSpaces += 1
                } else {
                    line += String(repeating: " ", count: trailingPlainSpaces) + cell.grapheme
                    trailingPlainSpaces = 0
                }
            }
            return line
        }.joined(separator: "\n")
    }
}
