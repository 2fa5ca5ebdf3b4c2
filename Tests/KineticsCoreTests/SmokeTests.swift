import CCurl
import COpenSSL
import Foundation
import GRDB
import Testing

@Suite("The C libraries are linked and usable")
struct SmokeTests {
    @Test("libcurl reports its version and speaks HTTPS through OpenSSL")
    func curlVersion() throws {
        let info = try #require(kt_curl_version_info())
        let version = String(cString: info.pointee.version)
        #expect(version.split(separator: ".").count >= 2)
        let ssl = String(cString: try #require(info.pointee.ssl_version))
        #expect(ssl.contains("OpenSSL"))
        #expect(info.pointee.features & CURL_VERSION_SSL != 0)
    }

    @Test("OpenSSL's HMAC-SHA256 matches RFC 4231 test case 2")
    func hmacRFC4231() throws {
        let key = Array("Jefe".utf8)
        let data = Array("what do ya want for nothing?".utf8)
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = HMAC(EVP_sha256(), key, Int32(key.count), data, data.count, &out, &length)
        #expect(result != nil)
        let hex = out.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
        #expect(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("SQLite round-trips a row through GRDB in a real file")
    func sqliteRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kt-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("smoke.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            try db.execute(sql: "INSERT INTO t (name) VALUES (?)", arguments: ["kinetics ✓"])
        }
        let name = try queue.read { db in try String.fetchOne(db, sql: "SELECT name FROM t") }
        #expect(name == "kinetics ✓")
    }
}
