import CNcurses

/// Pure decoding of what `wget_wch` and `getmouse` return into ``Key`` and ``MouseEvent`` values.
extension NcursesTerminal {
    /// A character read by `wget_wch` (not a key code): printable text, or a control character.
    nonisolated static func decode(character value: UInt32) -> Key? {
        switch value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A:
            return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x00...0x1F, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A key code read by `wget_wch` (`KEY_CODE_YES`).
    nonisolated static func decode(keyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// The button state of a mouse event: wheel up or down, or a click of the first button.
    nonisolated static func decode(mouseState state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if state & kt_button4_pressed() != 0 { return MouseEvent(kind: .wheelUp, x: x, y: y) }
        if state & kt_button5_pressed() != 0 { return MouseEvent(kind: .wheelDown, x: x, y: y) }
        if state & kt_button1_clicked() != 0 { return MouseEvent(kind: .click, x: x, y: y) }
        return nil
    }
}
