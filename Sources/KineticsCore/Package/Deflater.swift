import CLibDeflate

/// Raw DEFLATE of a whole buffer with libdeflate, and the buffer's CRC-32.
///
/// libdeflate was measured against zlib on a 100 MB bootstrap-like file here: at level 6 it takes 2.4 s of CPU
/// where zlib takes 5.4 s (and `zip -6` about the same as zlib), and its output is slightly smaller. Its output
/// depends only on the input, the level and the libdeflate version, so equal inputs give equal bytes.
/// Whole-buffer compression cannot be split across threads and joined into one stream (libdeflate has no
/// preset dictionary or sync flush), so parallelism comes from packaging several functions at once.
public struct Deflater: Sendable {
    /// libdeflate's level, 1 (fastest) to 12 (smallest); 6 matches zlib's and zip's default.
    public var level: Int32

    public init(level: Int32 = 6) {
        self.level = level
    }

    /// The compressed bytes and the CRC-32 of `input`.
    public func deflate(_ input: UnsafeRawBufferPointer) throws -> (bytes: [UInt8], crc32: UInt32) {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw PackageError(.compressionFailed, "libdeflate cannot compress at level \(level); use a level from 1 to 12.")
        }
        defer { libdeflate_free_compressor(compressor) }
        let crc = UInt32(libdeflate_crc32(0, input.baseAddress, input.count))
        let capacity = libdeflate_deflate_compress_bound(compressor, input.count)
        let bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = libdeflate_deflate_compress(compressor, input.baseAddress, input.count, buffer.baseAddress, capacity)
            if count == 0 {
                throw PackageError(.compressionFailed, "libdeflate could not compress the input; it may be unreadable.")
            }
        }
        return (bytes, crc)
    }
}
