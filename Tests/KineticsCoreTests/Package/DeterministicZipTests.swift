import CLibDeflate
import Foundation
import Testing

@testable import KineticsCore

@Suite("Deterministic zips")
struct DeterministicZipTests {
    /// Bytes that compress like a binary: repeated structure with some noise.
    static func binaryLike(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let word = state >> 33
            if word % 4 == 0 {
                out.append(UInt8(truncatingIfNeeded: word))
            } else {
                out += Array("fn main() { println!(\"hello\"); } ".utf8.prefix(Int(word % 23) + 1))
            }
        }
        return Array(out.prefix(count))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test("a zip passes unzip -t and zipinfo shows 0755, 0644, the 1980 date and sorted entries")
    func validZip() async throws {
        let dir = try BuildFixtures.temporaryDirectory("zip")
        try Self.write(Self.binaryLike(3 * (1 << 20) + 12345, seed: 1), to: "\(dir)/bootstrap")
        try Self.write(Array("config".utf8), to: "\(dir)/config.json")
        let result = try DeterministicZip().write(
            [
                ZipEntry(name: "templates/config.json", source: "\(dir)/config.json", permissions: 0o644),
                ZipEntry(name: "bootstrap", source: "\(dir)/bootstrap", permissions: 0o755),
            ],
            to: "\(dir)/out.zip"
        )
        let test = try await BuildFixtures.shell("unzip -t out.zip", in: dir)
        #expect(test.status == 0, "\(test.output)")
        let info = try await BuildFixtures.shell("zipinfo out.zip", in: dir).output
        let lines = info.split(separator: "\n").filter { $0.hasPrefix("-") }
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("-rwxr-xr-x"))
        #expect(lines[0].contains("defN 80-Jan-01 00:00 bootstrap"))
        #expect(lines[1].hasPrefix("-rw-r--r--"))
        #expect(lines[1].hasSuffix("templates/config.json"))
        let roundTrip = try await BuildFixtures.shell("unzip -p out.zip bootstrap | cmp - bootstrap", in: dir)
        #expect(roundTrip.status == 0, "\(roundTrip.output)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(dir)/out.zip")
        #expect((attributes[.size] as? NSNumber)?.int64Value == result.size)
        #expect(result.sha256 == (try FileDigestCache.hashFile("\(dir)/out.zip")))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.zip.tmp-\(getpid())"))
    }

    @Test("the same content in two directories, with other mtimes and modes, gives byte-identical zips")
    func byteIdentical() throws {
        let bytes = Self.binaryLike(2 * (1 << 20) + 99, seed: 7)
        let a = try BuildFixtures.temporaryDirectory("zip-a")
        let b = try BuildFixtures.temporaryDirectory("zip-b")
        try Self.write(bytes, to: "\(a)/bootstrap")
        try Self.write(bytes, to: "\(b)/bootstrap")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: "\(b)/bootstrap")
        chmod("\(b)/bootstrap", 0o600)
        let first = try DeterministicZip().write([ZipEntry(name: "bootstrap", source: "\(a)/bootstrap", permissions: 0o755)], to: "\(a)/x.zip")
        let second = try DeterministicZip().write([ZipEntry(name: "bootstrap", source: "\(b)/bootstrap", permissions: 0o755)], to: "\(b)/y.zip")
        #expect(first == second)
        #expect(FileManager.default.contents(atPath: "\(a)/x.zip") == FileManager.default.contents(atPath: "\(b)/y.zip"))
    }

    @Test("incompressible data is stored, and an empty file still makes a valid zip")
    func storedAndEmpty() async throws {
        let dir = try BuildFixtures.temporaryDirectory("zip-stored")
        var random = SystemRandomNumberGenerator()
        try Self.write((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }, to: "\(dir)/noise")
        try Self.write([], to: "\(dir)/empty")
        _ = try DeterministicZip().write(
            [
                ZipEntry(name: "noise", source: "\(dir)/noise", permissions: 0o644),
                ZipEntry(name: "empty", source: "\(dir)/empty", permissions: 0o644),
            ],
            to: "\(dir)/out.zip"
        )
        let test = try await BuildFixtures.shell("unzip -t out.zip", in: dir)
        #expect(test.status == 0, "\(test.output)")
        let info = try await BuildFixtures.shell("zipinfo out.zip", in: dir).output
        #expect(info.contains("stor 80-Jan-01 00:00 noise"))
        #expect(info.contains("0 b- stor 80-Jan-01 00:00 empty") || info.contains("defN 80-Jan-01 00:00 empty"))
    }

    @Test("two assets with one name inside the zip are refused with a sentence")
    func duplicateNames() throws {
        let dir = try BuildFixtures.temporaryDirectory("zip-dup")
        try Self.write([1], to: "\(dir)/a")
        let entries = [
            ZipEntry(name: "x", source: "\(dir)/a", permissions: 0o644),
            ZipEntry(name: "x", source: "\(dir)/a", permissions: 0o644),
        ]
        #expect(throws: PackageError.self) { try DeterministicZip().write(entries, to: "\(dir)/out.zip") }
    }

    @Test("a missing input is a PackageError naming the file")
    func missingInput() throws {
        let dir = try BuildFixtures.temporaryDirectory("zip-missing")
        do {
            _ = try DeterministicZip().write([ZipEntry(name: "bootstrap", source: "\(dir)/nope", permissions: 0o755)], to: "\(dir)/out.zip")
            Issue.record("expected an error")
        } catch let error as PackageError {
            #expect(error.code == .io)
            #expect(error.message.contains("\(dir)/nope"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.zip"))
    }
}

@Suite("Deflate")
struct DeflaterTests {
    static func inflate(_ compressed: [UInt8], expected: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: expected)
        var actual = 0
        let status = compressed.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_deflate_decompress(decompressor, input.baseAddress, input.count, out.baseAddress, out.count, &actual)
            }
        }
        return status == LIBDEFLATE_SUCCESS ? Array(output.prefix(actual)) : nil
    }

    @Test("the output inflates to the input, and the CRC-32 is the standard one", arguments: [0, 1, 1 << 20, 5 * (1 << 20) + 777])
    func roundTrip(size: Int) throws {
        let input = DeterministicZipTests.binaryLike(size, seed: UInt64(size) + 3)
        let (compressed, crc) = try input.withUnsafeBytes { try Deflater(level: 6).deflate($0) }
        #expect(Self.inflate(compressed, expected: size) == input)
        if size == 0 { #expect(crc == 0) }
        let check = Array("123456789".utf8)
        #expect(try check.withUnsafeBytes { try Deflater().deflate($0).crc32 } == 0xCBF4_3926)
    }

    @Test("an impossible level is a PackageError, not a crash")
    func badLevel() {
        #expect(throws: PackageError.self) { try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try Deflater(level: 99).deflate($0) } }
    }
}
