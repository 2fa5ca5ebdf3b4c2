import CLibZ
import Foundation

/// Raw DEFLATE of a buffer in fixed-size chunks compressed in parallel, joined into one valid stream, with the
/// CRC-32 of the input computed in the same pass.
///
/// Each chunk is deflated on its own with the 32 KiB of input before it as the preset dictionary and ends in a
/// sync flush (the last one in a final block), the way pigz does it; the CRC-32s of the chunks are joined with
/// `crc32_combine`. The chunk size is fixed, so the output depends only on the input and the level — never on
/// the number of threads or the machine. Compared with one zlib stream the output is a few bytes per chunk
/// larger and matches of more than a chunk back are lost, which is negligible at 1 MiB chunks.
public struct ChunkedDeflater: Sendable {
    public static let chunkSize = 1 << 20
    static let window = 32 * 1024

    /// zlib's level, 1 (fastest) to 9 (smallest).
    public var level: Int32
    /// How many chunks are compressed at once.
    public var threads: Int

    public init(level: Int32 = 6, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.level = level
        self.threads = max(1, threads)
    }

    /// The compressed chunks in order, and the CRC-32 of `input`.
    public func deflate(_ input: UnsafeRawBufferPointer) throws -> (chunks: [[UInt8]], crc32: UInt32) {
        let count = input.count
        let chunkCount = max(1, (count + Self.chunkSize - 1) / Self.chunkSize)
        let job = DeflateJob(input: input, chunkCount: chunkCount, level: level)
        if threads == 1 || chunkCount == 1 {
            for index in 0..<chunkCount { job.run(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: min(threads, chunkCount)) { _ in
                while let index = job.nextIndex() { job.run(index) }
            }
        }
        var crc: UInt = 0
        var chunks: [[UInt8]] = []
        chunks.reserveCapacity(chunkCount)
        for index in 0..<chunkCount {
            guard let result = job.take(index) else {
                throw PackageError(.compressionFailed, "zlib could not compress chunk \(index); the input may be unreadable.")
            }
            let length = min(count, (index + 1) * Self.chunkSize) - index * Self.chunkSize
            crc = index == 0 ? result.crc : crc32_combine(crc, result.crc, off_t(length))
            chunks.append(result.bytes)
        }
        return (chunks, UInt32(truncatingIfNeeded: crc))
    }

    struct Chunk: Sendable {
        var bytes: [UInt8]
        var crc: UInt
    }

    static func compress(_ chunk: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer, last: Bool, level: Int32) -> Chunk? {
        var stream = z_stream()
        guard kt_deflate_init2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        if let base = dictionary.baseAddress, dictionary.count > 0 {
            guard deflateSetDictionary(&stream, base.assumingMemoryBound(to: Bytef.self), uInt(dictionary.count)) == Z_OK else {
                return nil
            }
        }
        let capacity = Int(deflateBound(&stream, uLong(chunk.count))) + 64
        var output = [UInt8](repeating: 0, count: capacity)
        let crc: UInt
        if let base = chunk.baseAddress, chunk.count > 0 {
            crc = crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(chunk.count))
        } else {
            crc = crc32(0, nil, 0)
        }
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: chunk.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(chunk.count)
            stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(capacity)
            return CLibZ.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        }
        guard status == (last ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else { return nil }
        output.removeLast(Int(stream.avail_out))
        return Chunk(bytes: output, crc: crc)
    }
}

/// One buffer being deflated: hands chunk indices to worker threads and keeps their results.
///
/// `input` stays valid for the job's whole life (the caller waits for every worker), and `slots` is only
/// touched under the lock.
private final class DeflateJob: @unchecked Sendable {
    private let input: UnsafeRawBufferPointer
    private let chunkCount: Int
    private let level: Int32
    private let lock = NSLock()
    private var next = 0
    private var slots: [ChunkedDeflater.Chunk?]

    init(input: UnsafeRawBufferPointer, chunkCount: Int, level: Int32) {
        self.input = input
        self.chunkCount = chunkCount
        self.level = level
        slots = Array(repeating: nil, count: chunkCount)
    }

    func nextIndex() -> Int? {
        lock.withLock {
            guard next < chunkCount else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func run(_ index: Int) {
        let start = index * ChunkedDeflater.chunkSize
        let end = min(input.count, start + ChunkedDeflater.chunkSize)
        let dictionaryStart = max(0, start - ChunkedDeflater.window)
        let chunk = UnsafeRawBufferPointer(rebasing: input[start..<end])
        let dictionary = UnsafeRawBufferPointer(rebasing: input[dictionaryStart..<start])
        let result = ChunkedDeflater.compress(chunk, dictionary: dictionary, last: index == chunkCount - 1, level: level)
        lock.withLock { slots[index] = result }
    }

    func take(_ index: Int) -> ChunkedDeflater.Chunk? {
        lock.withLock {
            defer { slots[index] = nil }
            return slots[index]
        }
    }
}
