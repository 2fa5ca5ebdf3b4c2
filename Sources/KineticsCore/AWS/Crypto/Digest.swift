import COpenSSL
import Foundation

/// SHA-256, HMAC-SHA256 and MD5 through OpenSSL's EVP interface.
///
/// This is the only file that hands pointers to OpenSSL. Every digest is computed by a `DigestContext`, a
/// `final class` that owns one `EVP_MD_CTX` and frees it in `deinit`.
public enum Digest {
    /// The SHA-256 of `bytes`.
    public static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
        let context = DigestContext(.sha256)
        context.update(bytes)
        return context.finish()
    }

    /// The MD5 of `bytes`, for S3's `Content-MD5` integrity header.
    public static func md5<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
        let context = DigestContext(.md5)
        context.update(bytes)
        return context.finish()
    }

    /// HMAC-SHA256 of `data` under `key`.
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = key.withUnsafeBufferPointer { k in
            data.withUnsafeBufferPointer { d in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), d.baseAddress, d.count, o.baseAddress, &length)
                }
            }
        }
        precondition(ok != nil, "OpenSSL HMAC-SHA256 failed")
        return Array(out.prefix(Int(length)))
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `string` under `key`.
    public static func hmacSHA256(key: [UInt8], string: String) -> [UInt8] {
        hmacSHA256(key: key, data: Array(string.utf8))
    }

    /// The digest of `length` bytes of the file at `path` starting at `offset`, read in 1 MiB chunks so a large
    /// file never sits in memory whole.
    public static func digestOfFile(
        _ algorithm: DigestContext.Algorithm, path: String, offset: Int64 = 0, length: Int64? = nil
    ) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let context = DigestContext(algorithm)
        var remaining = length ?? Int64.max
        while remaining > 0 {
            let chunk = try handle.read(upToCount: Int(min(remaining, 1 << 20))) ?? Data()
            if chunk.isEmpty { break }
            context.update(chunk)
            remaining -= Int64(chunk.count)
        }
        return context.finish()
    }
}

/// One incremental digest computation; not shareable across threads.
public final class DigestContext {
    public enum Algorithm: Sendable {
        case sha256
        case md5
    }

    private let context: OpaquePointer

    public init(_ algorithm: Algorithm) {
        guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
        self.context = context
        let md = switch algorithm {
        case .sha256: EVP_sha256()
        case .md5: EVP_md5()
        }
        precondition(EVP_DigestInit_ex(context, md, nil) == 1, "OpenSSL digest init failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update<Bytes: DataProtocol>(_ bytes: Bytes) {
        for region in bytes.regions {
            region.withUnsafeBytes { raw in
                if raw.count > 0 { _ = EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
            }
        }
    }

    /// Finishes the digest and returns it; the context must not be used afterwards.
    public func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        out.withUnsafeMutableBufferPointer { o in _ = EVP_DigestFinal_ex(context, o.baseAddress, &length) }
        return Array(out.prefix(Int(length)))
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, as Signature V4 writes digests.
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
