import Foundation
import GRDB

/// The people's side of `episodeUpload`: queueing received files, listing a drama's uploads,
/// retrying and dismissing. Every query is scoped to the organisation.
struct EpisodeUploadRepository: Sendable {
    let database: AppDatabase

    struct NewUpload: Sendable {
        var dramaId: Int64
        var episodeNumber: Int
        var originalFilename: String
        var contentType: String
        var fileName: String
        var byteCount: Int64
        var durationSeconds: Double?
        var uploadedBy: Int64?
    }

    /// Queues a received file for the forwarder. Nil when the drama is not the organisation's.
    func queue(_ upload: NewUpload, organizationId: Int64, now: Date = Date()) async throws -> EpisodeUpload? {
        try await database.writer.write { db in
            guard try Bool.fetchOne(
                db, sql: "SELECT 1 FROM drama WHERE id = ? AND organizationId = ?", arguments: [upload.dramaId, organizationId]) == true
            else { return nil }
            return try db.insertReturning(EpisodeUpload.self, [
                "organizationId": organizationId, "dramaId": upload.dramaId, "episodeNumber": upload.episodeNumber,
                "originalFilename": upload.originalFilename, "contentType": upload.contentType, "fileName": upload.fileName,
                "byteCount": upload.byteCount, "durationSeconds": upload.durationSeconds, "status": EpisodeUpload.Status.queued.rawValue,
                "nextAttemptAt": now, "uploadedBy": upload.uploadedBy, "createdAt": now, "updatedAt": now,
            ])
        }
    }

    /// The drama's uploads, newest first: everything unfinished, and the latest finished ones.
    func list(organizationId: Int64, dramaId: Int64, limit: Int = 200) async throws -> [EpisodeUpload] {
        try await database.read { db in
            try EpisodeUpload.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM episodeUpload WHERE organizationId = ? AND dramaId = ? ORDER BY id DESC LIMIT ?"),
                arguments: [organizationId, dramaId, limit])
        }
    }

    /// Some of the drama's uploads by id (the page's polling); ids of other dramas or tenants are skipped.
    func find(organizationId: Int64, dramaId: Int64, ids: [Int64]) async throws -> [EpisodeUpload] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            try EpisodeUpload.fetchAll(
                db,
                sql: "SELECT * FROM episodeUpload WHERE organizationId = ? AND dramaId = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id DESC",
                arguments: [organizationId, dramaId, "[" + ids.prefix(500).map(String.init).joined(separator: ",") + "]"])
        }
    }

    /// Sends a failed upload again from its kept file. False when it is not the drama's, is
    /// not failed, or has no file any more.
    func retry(organizationId: Int64, dramaId: Int64, id: Int64, now: Date = Date()) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET status = 'queued', failure = NULL, attempts = 0, sentBytes = 0, method = NULL,
                           processingSince = NULL, nextAttemptAt = ?, finishedAt = NULL, updatedAt = ?
                    WHERE id = ? AND organizationId = ? AND dramaId = ? AND status = 'failed' AND fileName IS NOT NULL
                    """,
                arguments: [now, now, id, organizationId, dramaId])
            return db.changesCount > 0
        }
    }

    /// Removes a finished (done or failed) upload from the list. Returns the file to delete
    /// (a failed upload's kept copy), `.some(nil)` when there is none, nil when nothing matched.
    func dismiss(organizationId: Int64, dramaId: Int64, id: Int64) async throws -> String?? {
        try await database.writer.write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    DELETE FROM episodeUpload WHERE id = ? AND organizationId = ? AND dramaId = ? AND status IN ('done', 'failed')
                    RETURNING fileName
                    """,
                arguments: [id, organizationId, dramaId])
            else { return nil }
            return .some(row["fileName"] as String?)
        }
    }

    /// The drama's episodes by number, with their assets, for the preview ("replaces …").
    func episodes(organizationId: Int64, dramaId: Int64) async throws -> [(number: Int, assetId: String, title: String)] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT number, assetId, title FROM episode WHERE organizationId = ? AND dramaId = ? ORDER BY number",
                arguments: [organizationId, dramaId]
            ).map { (number: $0[0], assetId: $0[1], title: $0[2]) }
        }
    }
}
