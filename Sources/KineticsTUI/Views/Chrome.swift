/// The frame every screen shares: header line, tab line, body, key hint line.
enum Chrome {
    static func headerRow(_ size: Size) -> Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    static func tabRow(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: 1) }
    static func body(_ size: Size) -> Rect { Rect(x: 0, y: 2, width: size.width, height: size.height - 3) }
    static func hintRow(_ size: Size) -> Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }
}
