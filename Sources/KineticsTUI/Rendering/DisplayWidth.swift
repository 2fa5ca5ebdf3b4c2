/// How many terminal columns text takes, the way wcwidth(3) counts them in a UTF-8 locale.
///
/// East Asian wide and fullwidth characters and emoji presentation sequences take two columns; combining marks
/// take none and belong to the character before them; control and other invisible format characters take
/// none and are never drawn. East Asian "ambiguous" characters (box drawing, `…`, `●`) take one column, as in
/// every non-CJK locale.
enum DisplayWidth {
    enum Kind: Equatable {
        /// A visible grapheme of 1 or 2 columns.
        case spacing(Int)
        /// Only combining marks: joins the grapheme before it.
        case combining
        /// Control or invisible format characters: dropped.
        case ignorable
    }

    static func kind(of character: Character) -> Kind {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return .ignorable }
        if first.isASCII {
            if first.value < 0x20 || first.value == 0x7F { return .ignorable }
            return .spacing(1)
        }
        for scalar in scalars where isControl(scalar) { return .ignorable }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            return .combining
        case .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned:
            // A format character leading a cluster (ZWJ, ZWSP, BOM, bidi marks) may still carry a visible
            // base after it only in malformed text; such clusters are dropped whole.
            return .ignorable
        default:
            break
        }
        if (0x1160...0x11FF).contains(first.value) { return .combining }
        if isWide(first) { return .spacing(2) }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return .spacing(2) }
        return .spacing(1)
    }

    /// Columns of one grapheme; 0 for combining marks and ignorable characters.
    static func of(_ character: Character) -> Int {
        if case .spacing(let n) = kind(of: character) { return n }
        return 0
    }

    /// Columns of a whole string.
    static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    private static func isWide(_ s: Unicode.Scalar) -> Bool {
        if s.properties.isEmojiPresentation { return true }
        let v = s.value
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks; emoji presentation characters are found by their property.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
