import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes zips that depend only on the entries' names, contents and permissions.
///
/// Entries are sorted by name; every entry has the DOS timestamp 1980-01-01 00:00, the Unix permissions given
/// (as a regular file), no extra fields and no comment; data is raw DEFLATE at a fixed level from ``Deflater``
/// (or stored when that would not be smaller). The same inputs give byte-identical zips on
/// any machine, so the zip's SHA-256 can name it. The CRC-32 is computed while compressing and the SHA-256
/// while writing: the input is read once and the output never read back.
public struct DeterministicZip: Sendable {
    public var deflater: Deflater

    public init(level: Int32 = 6) {
        deflater = Deflater(level: level)
    }

    /// What was written.
    public struct Result: Sendable, Hashable {
        public var size: Int64
        public var sha256: String
    }

    /// Writes `entries` to `path` (through a temporary file renamed into place) and returns its size and SHA-256.
    public func write(_ entries: [ZipEntry], to path: String) throws -> Result {
        let sorted = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name {
            throw PackageError(.duplicateEntry, "Two files would be stored as \(a.name) in the zip; give each asset its own name.")
        }
        guard sorted.count < 0xFFFF else {
            throw PackageError(.tooLarge, "A zip holds at most 65,534 files here; package fewer assets.")
        }
        let temporary = "\(path).tmp-\(getpid())"
        let output = try ZipOutput(path: temporary)
        var central: [UInt8] = []
        do {
            for entry in sorted {
                let offset = output.written
                let record = try writeEntry(entry, to: output)
                guard offset <= UInt32.max else {
                    throw PackageError(.tooLarge, "The zip would pass 4 GiB; Lambda accepts at most 250 MB unzipped.")
                }
                central += centralHeader(record, offset: UInt32(offset))
            }
            let centralOffset = output.written
            try output.write(central)
            var end = ByteWriter()
            end.u32(0x0605_4B50)
            end.u16(0)
            end.u16(0)
            end.u16(UInt16(sorted.count))
            end.u16(UInt16(sorted.count))
            end.u32(UInt32(central.count))
            end.u32(UInt32(centralOffset))
            end.u16(0)
            try output.write(end.bytes)
            let result = try output.finish()
            guard rename(temporary, path) == 0 else {
                throw PackageError(.io, "Cannot move the zip into \(path): \(String(cString: strerror(errno))).")
            }
            return result
        } catch {
            output.abandon()
            unlink(temporary)
            throw error
        }
    }

    struct EntryRecord {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var permissions: UInt16
    }

    private func writeEntry(_ entry: ZipEntry, to output: ZipOutput) throws -> EntryRecord {
        let input = try MappedFile(path: entry.source)
        defer { input.close() }
        guard input.bytes.count <= Int(UInt32.max) else {
            throw PackageError(.tooLarge, "\(entry.source) is over 4 GiB; Lambda accepts at most 250 MB unzipped.")
        }
        let (compressed, crc) = try deflater.deflate(input.bytes)
        let compressedSize = compressed.count
        let stored = compressedSize >= input.bytes.count
        let name = Array(entry.name.utf8)
        let record = EntryRecord(
            name: name,
            flags: name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800,
            method: stored ? 0 : 8,
            crc: crc,
            compressedSize: UInt32(stored ? input.bytes.count : compressedSize),
            size: UInt32(input.bytes.count),
            permissions: entry.permissions
        )
        var header = ByteWriter()
        header.u32(0x0403_4B50)
        header.u16(20)
        header.u16(record.flags)
        header.u16(record.method)
        header.u16(0)
        header.u16(0x0021)
        header.u32(record.crc)
        header.u32(record.compressedSize)
        header.u32(record.size)
        header.u16(UInt16(name.count))
        header.u16(0)
        header.bytes += name
        try output.write(header.bytes)
        if stored {
            try output.write(input.bytes)
        } else {
            try output.write(compressed)
        }
        return record
    }

    private func centralHeader(_ record: EntryRecord, offset: UInt32) -> [UInt8] {
        var header = ByteWriter()
        header.u32(0x0201_4B50)
        header.u16(0x0314)
        header.u16(20)
        header.u16(record.flags)
        header.u16(record.method)
        header.u16(0)
        header.u16(0x0021)
        header.u32(record.crc)
        header.u32(record.compressedSize)
        header.u32(record.size)
        header.u16(UInt16(record.name.count))
        header.u16(0)
        header.u16(0)
        header.u16(0)
        header.u16(0)
        header.u32((UInt32(0o100000) | UInt32(record.permissions & 0o7777)) << 16)
        header.u32(offset)
        header.bytes += record.name
        return header.bytes
    }
}

/// Little-endian fields of zip headers.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// A file being written, hashed as it goes.
final class ZipOutput {
    private var fd: Int32
    private let path: String
    private let hasher = StreamingSHA256()
    private(set) var written: Int64 = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PackageError(.io, "Cannot create \(path): \(String(cString: strerror(errno))).")
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let count = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw PackageError(.io, "Cannot write \(path): \(String(cString: strerror(errno))).")
            }
            offset += count
        }
        written += Int64(bytes.count)
    }

    func finish() throws -> DeterministicZip.Result {
        let status = posixClose(fd)
        fd = -1
        guard status == 0 else {
            throw PackageError(.io, "Cannot write \(path): \(String(cString: strerror(errno))).")
        }
        return DeterministicZip.Result(size: written, sha256: hasher.finalizeHex())
    }

    func abandon() {
        if fd >= 0 { posixClose(fd) }
        fd = -1
    }
}

/// A file mapped read-only into memory.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private var mapped: UnsafeMutableRawPointer?

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw PackageError(.io, "Cannot read \(path): \(String(cString: strerror(errno))).")
        }
        defer { posixClose(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PackageError(.io, "Cannot read \(path): \(String(cString: strerror(errno))).")
        }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw PackageError(.io, "Cannot map \(path) into memory: \(String(cString: strerror(errno))).")
        }
        madvise(address, size, MADV_SEQUENTIAL)
        mapped = address
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    func close() {
        if let mapped { munmap(mapped, bytes.count) }
        mapped = nil
    }
}

/// `write(2)` and `close(2)` by names that methods called `write` and `close` do not shadow.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

@discardableResult
private func posixClose(_ fd: Int32) -> Int32 {
    close(fd)
}
