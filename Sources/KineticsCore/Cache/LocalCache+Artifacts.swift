import Foundation
import GRDB

// MARK: - Artifacts and multipart uploads

extension LocalCache {
    /// Remembers that an artifact is in a bucket (after a PutObject, a completed multipart upload, or a
    /// HeadObject that found it).
    public func recordArtifact(_ artifact: ArtifactRecord) throws(CacheError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO artifacts (endpoint, bucket, key, sha256, size, function_name, region, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (endpoint, bucket, key) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                        function_name = excluded.function_name, region = excluded.region, uploaded_at = excluded.uploaded_at
                    """,
                arguments: [
                    artifact.endpoint, artifact.bucket, artifact.key, artifact.sha256, artifact.size, artifact.functionName,
                    artifact.region, artifact.uploadedAt.timeIntervalSince1970,
                ]
            )
        }
    }

    /// An artifact with this SHA-256 known to be in the bucket, if any.
    public func artifact(sha256: String, bucket: String, endpoint: String = "") throws(CacheError) -> ArtifactRecord? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM artifacts WHERE sha256 = ? AND bucket = ? AND endpoint = ? ORDER BY uploaded_at DESC LIMIT 1",
                arguments: [sha256, bucket, endpoint]
            ).map(Self.artifact)
        }
    }

    /// Forgets an artifact (it was found missing from the bucket).
    public func forgetArtifact(bucket: String, key: String, endpoint: String = "") throws(CacheError) {
        try write { db in
            try db.execute(sql: "DELETE FROM artifacts WHERE endpoint = ? AND bucket = ? AND key = ?", arguments: [endpoint, bucket, key])
        }
    }

    /// Remembers a multipart upload as soon as CreateMultipartUpload answered (replacing any older one for the key).
    public func beginMultipartUpload(_ upload: MultipartUploadRecord) throws(CacheError) {
        try write { db in
            try db.execute(
                sql: "DELETE FROM multipart_uploads WHERE endpoint = ? AND bucket = ? AND key = ?",
                arguments: [upload.endpoint, upload.bucket, upload.key]
            )
            try db.execute(
                sql: """
                    INSERT INTO multipart_uploads (endpoint, bucket, key, upload_id, sha256, total_size, part_size, started_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload.endpoint, upload.bucket, upload.key, upload.uploadId, upload.sha256, upload.totalSize,
                    upload.partSize, upload.startedAt.timeIntervalSince1970,
                ]
            )
            for part in upload.parts { try Self.insert(part, upload: upload, db: db) }
        }
    }

    /// Records one uploaded part (its ETag), as soon as UploadPart answered.
    public func recordMultipartPart(_ part: MultipartUploadRecord.Part, of upload: MultipartUploadRecord) throws(CacheError) {
        try write { db in try Self.insert(part, upload: upload, db: db) }
    }

    /// The multipart upload in flight for a key, with the parts already uploaded, if any.
    public func multipartUpload(bucket: String, key: String, endpoint: String = "") throws(CacheError) -> MultipartUploadRecord? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM multipart_uploads WHERE endpoint = ? AND bucket = ? AND key = ?",
                arguments: [endpoint, bucket, key]
            ) else { return nil }
            let parts = try Row.fetchAll(
                db,
                sql: "SELECT part_number, etag, size FROM multipart_parts WHERE endpoint = ? AND bucket = ? AND key = ? ORDER BY part_number",
                arguments: [endpoint, bucket, key]
            ).map { MultipartUploadRecord.Part(number: $0["part_number"], etag: $0["etag"], size: $0["size"]) }
            return MultipartUploadRecord(
                endpoint: row["endpoint"], bucket: row["bucket"], key: row["key"], uploadId: row["upload_id"],
                sha256: row["sha256"], totalSize: row["total_size"], partSize: row["part_size"],
                startedAt: Date(timeIntervalSince1970: row["started_at"]), parts: parts
            )
        }
    }

    /// Forgets a multipart upload (completed or aborted), with its parts.
    public func finishMultipartUpload(bucket: String, key: String, endpoint: String = "") throws(CacheError) {
        try write { db in
            try db.execute(
                sql: "DELETE FROM multipart_uploads WHERE endpoint = ? AND bucket = ? AND key = ?", arguments: [endpoint, bucket, key]
            )
        }
    }

    private static func insert(_ part: MultipartUploadRecord.Part, upload: MultipartUploadRecord, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO multipart_parts (endpoint, bucket, key, part_number, etag, size) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (endpoint, bucket, key, part_number) DO UPDATE SET etag = excluded.etag, size = excluded.size
                """,
            arguments: [upload.endpoint, upload.bucket, upload.key, part.number, part.etag, part.size]
        )
    }

    private static func artifact(_ row: Row) -> ArtifactRecord {
        ArtifactRecord(
            sha256: row["sha256"], bucket: row["bucket"], key: row["key"], size: row["size"], functionName: row["function_name"],
            region: row["region"], endpoint: row["endpoint"], uploadedAt: Date(timeIntervalSince1970: row["uploaded_at"])
        )
    }
}
