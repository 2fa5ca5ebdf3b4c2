import Foundation
import Testing
@testable import KineticsCore

/// Signs hundreds of randomised requests with `SigV4Signer` and with botocore's own signer (the one the AWS CLI
/// uses), and expects identical `Authorization` headers and presigned signatures.
@Suite("Signature V4 agrees with botocore over randomised requests")
struct SigV4BotocoreCrossCheckTests {
    struct Case: Codable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
        var service: String
        var region: String
        var timestamp: Double
        var accessKey: String
        var secretKey: String
        var token: String?
        var unsignedPayload: Bool
        var presignExpires: Int?
    }

    /// A small deterministic generator, so a failure can be reproduced from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pathCharacters = Array("abcXYZ019-_.~ +%=&!*'()$@:,;ሴé中/")
    static let queryCharacters = Array("abcXYZ019-_.~ +%=&/?!*'()ሴé中")
    static let valueCharacters = Array("abc XYZ 019-_.~+%=&/;:,\"()  \t")

    static func randomString(_ alphabet: [Character], _ range: ClosedRange<Int>, _ rng: inout SplitMix) -> String {
        String((0..<Int.random(in: range, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    static func makeCase(_ rng: inout SplitMix) -> (Case, HTTPRequest, SigV4Signer, String) {
        let service = ["s3", "cloudformation", "ssm", "logs", "service"].randomElement(using: &rng)!
        let method = ["GET", "PUT", "POST", "DELETE", "HEAD"].randomElement(using: &rng)!
        let https = Bool.random(using: &rng)
        var segments: [String] = []
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: segments.append(".")
            case 1: segments.append("..")
            case 2: segments.append("")
            default: segments.append(randomString(pathCharacters, 1...12, &rng))
            }
        }
        var path = "/" + segments.map { AWSURIEncoding.encode($0) }.joined(separator: "/")
        if service == "s3" { path = path.replacingOccurrences(of: "/./", with: "/x/") }
        if Bool.random(using: &rng) && !path.hasSuffix("/") { path += "/" }
        var query: [(name: String, value: String)] = []
        var names = Set<String>()
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let name = randomString(queryCharacters, 1...8, &rng)
            guard names.insert(name).inserted else { continue }
            query.append((name, Bool.random(using: &rng) ? "" : randomString(queryCharacters, 1...16, &rng)))
        }
        var headers = HTTPHeaders()
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let name = "X-Test-" + randomString(Array("abcdefXYZ-09"), 1...8, &rng)
            headers.add(name, randomString(valueCharacters, 1...24, &rng))
            if Int.random(in: 0..<4, using: &rng) == 0 { headers.add(name.lowercased(), randomString(valueCharacters, 1...10, &rng)) }
        }
        if Bool.random(using: &rng) { headers.add("User-Agent", "kinetics-tui/test") }
        if Bool.random(using: &rng) { headers.add("Content-Type", "application/x-amz-json-1.1") }
        let body = ["GET", "HEAD"].contains(method) ? "" : randomString(valueCharacters + queryCharacters, 0...200, &rng)
        let token: String? = Bool.random(using: &rng) ? randomString(Array("ABCabc0123+/="), 20...60, &rng) : nil
        let unsigned = service == "s3" && https && Bool.random(using: &rng)
        let presign: Int? = service == "s3" && method == "GET" && Bool.random(using: &rng) ? Int.random(in: 1...604_800, using: &rng) : nil
        let region = ["us-east-1", "eu-west-1", "ap-southeast-2"].randomElement(using: &rng)!
        let port: Int? = Bool.random(using: &rng) ? nil : Int.random(in: 1024...65535, using: &rng)
        let timestamp = Double(Int.random(in: 1_400_000_000...1_900_000_000, using: &rng))
        let credentials = AWSCredentials(
            accessKeyId: "AKID" + randomString(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 16...16, &rng),
            secretAccessKey: randomString(Array("abcdefABCDEF0123456789+/"), 40...40, &rng), sessionToken: token)
        let request = HTTPRequest(
            method: method, scheme: https ? "https" : "http", host: "\(service).\(region).example.com", port: port, encodedPath: path,
            query: query, headers: headers, body: .data(Data(body.utf8)))
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let payloadHash = unsigned ? SigV4Signer.unsignedPayload : Digest.sha256(Data(body.utf8)).hexString
        let c = Case(
            method: method, url: request.urlString, headers: headers.fields.map { [$0.name, $0.value] }, body: body,
            service: service, region: region, timestamp: timestamp, accessKey: credentials.accessKeyId,
            secretKey: credentials.secretAccessKey, token: token, unsignedPayload: unsigned, presignExpires: presign)
        return (c, request, signer, payloadHash)
    }

    static let driver = #"""
import sys, json, datetime
import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.config import Config
out = []
for c in json.load(sys.stdin):
    now = datetime.datetime.fromtimestamp(c["timestamp"], datetime.timezone.utc).replace(tzinfo=None)
    auth.get_current_datetime = lambda *a, **k: now
    creds = Credentials(c["accessKey"], c["secretKey"], c.get("token"))
    if c.get("presignExpires") is not None:
        request = AWSRequest(method=c["method"], url=c["url"])
        auth.S3SigV4QueryAuth(creds, c["service"], c["region"], expires=c["presignExpires"]).add_auth(request)
        out.append({"presigned": request.url})
        continue
    request = AWSRequest(method=c["method"], url=c["url"], data=c["body"].encode("utf-8"))
    for name, value in c["headers"]:
        request.headers[name] = value
    if c["unsignedPayload"]:
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    signer = auth.S3SigV4Auth if c["service"] == "s3" else auth.SigV4Auth
    signer(creds, c["service"], c["region"]).add_auth(request)
    out.append({"authorization": request.headers["Authorization"]})
json.dump(out, sys.stdout)
"""#

    @Test("150 random requests per seed sign identically", arguments: [UInt64(20_150_830), 7])
    func crossCheck(seed: UInt64) throws {
        var rng = SplitMix(state: seed)
        var cases: [Case] = []
        var ours: [String] = []
        for _ in 0..<150 {
            let (c, request, signer, payloadHash) = Self.makeCase(&rng)
            cases.append(c)
            let date = Date(timeIntervalSince1970: c.timestamp)
            if let expires = c.presignExpires {
                let presigned = signer.presign(request, date: date, expires: expires)
                ours.append(presigned.query.first { $0.name == "X-Amz-Signature" }!.value)
            } else {
                var signed = request
                signer.sign(&signed, date: date, payloadHash: payloadHash)
                ours.append(signed.headers["Authorization"]!)
            }
        }
        let theirs = try Self.runBotocore(cases)
        try #require(theirs.count == cases.count)
        var mismatches = 0
        for (index, answer) in theirs.enumerated() {
            let expected: String
            if let url = answer["presigned"] {
                expected = String(url[url.range(of: "X-Amz-Signature=")!.upperBound...])
            } else {
                expected = answer["authorization"]!
            }
            if expected != ours[index] {
                mismatches += 1
                Issue.record("case \(index) differs: \(cases[index].method) \(cases[index].url)\nours   \(ours[index])\nbotocore \(expected)")
            }
            if mismatches > 5 { break }
        }
        #expect(mismatches == 0)
        #expect(cases.contains { $0.presignExpires != nil })
        #expect(cases.contains { $0.unsignedPayload })
    }

    static func runBotocore(_ cases: [Case]) throws -> [[String: String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", driver]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(cases))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MissingField(description: "botocore driver failed: \(String(decoding: problem, as: UTF8.self))")
        }
        return try JSONDecoder().decode([[String: String]].self, from: data)
    }
}
