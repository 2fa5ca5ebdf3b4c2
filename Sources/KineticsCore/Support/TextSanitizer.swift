/// Makes text from the outside world (stack event reasons, compiler output, resource names) safe to show.
///
/// Terminal escape sequences (CSI, OSC, DCS and the rest), C0 and C1 control characters and DEL are removed,
/// so nothing a remote system says can move the cursor, change colours, set the window title or write to the
/// clipboard. Tabs become a space; newlines become a space unless `keepNewlines` is set.
public enum TextSanitizer {
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isControl(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }

        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return scalars.next()
        }

        while let scalar = next() {
            switch scalar.value {
            case 0x1B:  // ESC
                skipEscape(after: &scalars, pending: &pending)
            case 0x9B:  // C1 CSI
                skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:  // C1 OSC, DCS, SOS, PM, APC
                skipString(&scalars)
            case 0x09:
                out.append(" ")
            case 0x0A, 0x0D:
                if keepNewlines, scalar.value == 0x0A {
                    out.append(scalar)
                } else if scalar.value == 0x0A || !keepNewlines {
                    out.append(" ")
                }
            default:
                if !isControl(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value)
    }

    private static func skipEscape(
        after scalars: inout String.UnicodeScalarView.Iterator,
        pending: inout Unicode.Scalar?
    ) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[": skipCSI(&scalars)
        case "]", "P", "X", "^", "_": skipString(&scalars)
        default:
            // Two- or three-character sequences: ESC followed by intermediates (0x20-0x2F) and a final byte.
            var c = introducer
            while (0x20...0x2F).contains(c.value) {
                guard let n = scalars.next() else { return }
                c = n
            }
            if c.value < 0x20 { pending = c }
        }
    }

    /// CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, one final byte 0x40-0x7E.
    private static func skipCSI(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let c = scalars.next() {
            if (0x40...0x7E).contains(c.value) { return }
            if !(0x20...0x3F).contains(c.value) { return }
        }
    }

    /// OSC/DCS/SOS/PM/APC: everything up to BEL, ST (ESC \) or C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let c = scalars.next() {
            if c.value == 0x07 || c.value == 0x9C { return }
            if c.value == 0x1B {
                _ = scalars.next()
                return
            }
        }
    }
}
