/// Bytes of one function's artifact sent so far.
public struct UploadProgress: Sendable, Hashable {
    public var function: String
    /// Counting parts found already uploaded.
    public var bytesSent: Int64
    public var totalBytes: Int64
    /// Bytes sent by this run per second (reused parts excluded).
    public var bytesPerSecond: Double
    public var partsDone: Int
    public var partsTotal: Int

    public init(function: String, bytesSent: Int64, totalBytes: Int64, bytesPerSecond: Double, partsDone: Int, partsTotal: Int) {
        self.function = function
        self.bytesSent = bytesSent
        self.totalBytes = totalBytes
        self.bytesPerSecond = bytesPerSecond
        self.partsDone = partsDone
        self.partsTotal = partsTotal
    }

    /// 0…1.
    public var fraction: Double { totalBytes > 0 ? Double(bytesSent) / Double(totalBytes) : 1 }
}
