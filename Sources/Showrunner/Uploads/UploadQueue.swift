import Foundation
import GRDB

/// The forwarder's side of `episodeUpload`: claiming due uploads under a lease and the state
/// changes that follow. Every write checks `leaseOwner`, so a process whose lease ran out
/// (it stalled, another took over) cannot overwrite newer state.
struct UploadQueue: Sendable {
    let database: AppDatabase

    func claimDue(owner: String, now: Date = Date(), leaseSeconds: Double, limit: Int) async throws -> [EpisodeUpload] {
        guard limit > 0 else { return [] }
        return try await database.writer.write { db in
            try EpisodeUpload.fetchAll(
                db,
                sql: """
                    UPDATE episodeUpload SET leaseOwner = :owner, leaseExpiresAt = :expires
                    WHERE id IN (SELECT id FROM episodeUpload
                                 WHERE nextAttemptAt IS NOT NULL AND nextAttemptAt <= :now
                                   AND (leaseExpiresAt IS NULL OR leaseExpiresAt < :now)
                                   -- Never our own: a send of ours that is only slow must not get a twin.
                                   AND (leaseOwner IS NULL OR leaseOwner != :owner)
                                 ORDER BY nextAttemptAt, id LIMIT :limit)
                    RETURNING *
                    """,
                arguments: ["owner": owner, "expires": now.addingTimeInterval(leaseSeconds), "now": now, "limit": limit])
        }
    }

    /// Extends the lease and records how much has been sent. False when the lease was lost.
    func renew(id: Int64, owner: String, until: Date, sentBytes: Int64?) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE episodeUpload SET leaseExpiresAt = ?, sentBytes = COALESCE(?, sentBytes) WHERE id = ? AND leaseOwner = ?",
                arguments: [until, sentBytes, id, owner])
            return db.changesCount > 0
        }
    }

    /// Starts sending: the method and the account are fixed from here on.
    func startSending(id: Int64, owner: String, method: EpisodeUpload.Method, account: UpstreamAccount, now: Date = Date()) async throws {
        try await write(id: id, owner: owner) { db in
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET status = 'sending', method = ?, credentialKind = ?, upstreamKeyId = ?, assetId = NULL,
                           sentBytes = 0, attempts = attempts + 1, updatedAt = ?
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [method.rawValue, account.kind.rawValue, account.keyId, now, id, owner])
        }
    }

    /// The asset id, as soon as upstream gives one (before the bytes, on the signed path).
    func recordAsset(id: Int64, owner: String, assetId: String) async throws {
        try await write(id: id, owner: owner) { db in
            try db.execute(sql: "UPDATE episodeUpload SET assetId = ? WHERE id = ? AND leaseOwner = ?", arguments: [assetId, id, owner])
        }
    }

    /// All bytes are upstream: poll its metadata from `nextPoll`.
    func markProcessing(id: Int64, owner: String, byteCount: Int64, nextPoll: Date, now: Date = Date()) async throws {
        try await write(id: id, owner: owner) { db in
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET status = 'processing', sentBytes = ?, processingSince = ?, failure = NULL,
                           nextAttemptAt = ?, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ?
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [byteCount, now, nextPoll, now, id, owner])
        }
    }

    /// Gives the upload back, due again at `next`; `note` says what went wrong meanwhile
    /// ("Retrying: …"); `requeue` sends it from the start again.
    func reschedule(id: Int64, owner: String, next: Date, note: String?, requeue: Bool, now: Date = Date()) async throws {
        try await write(id: id, owner: owner) { db in
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET nextAttemptAt = ?, failure = ?, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ?,
                           status = CASE WHEN ? THEN 'queued' ELSE status END,
                           sentBytes = CASE WHEN ? THEN 0 ELSE sentBytes END
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [next, note, now, requeue, requeue, id, owner])
        }
    }

    /// Stops: a person has to look. The kept file stays, so a retry needs no new upload.
    func fail(id: Int64, owner: String, reason: String, now: Date = Date()) async throws {
        try await write(id: id, owner: owner) { db in
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET status = 'failed', failure = ?, nextAttemptAt = NULL, leaseOwner = NULL,
                           leaseExpiresAt = NULL, finishedAt = ?, updatedAt = ?
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [String(reason.prefix(1_000)), now, now, id, owner])
        }
    }

    struct Completion: Sendable, Equatable {
        let episodeId: Int64
        /// The episode's previous video file, now unreferenced.
        let replacedVideo: String?
    }

    /// The asset is ready: the episode (created if its number is new) gets the asset id and the
    /// probed duration, and the received file becomes its video (`videoFile`), or nothing when
    /// copies are not kept. One transaction.
    func complete(
        _ upload: EpisodeUpload, assetId: String, owner: String, videoFile: String?, now: Date = Date()
    ) async throws -> Completion {
        try await database.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM episodeUpload WHERE id = ? AND leaseOwner = ?", arguments: [upload.id, owner]) == true
            else { throw LeaseLost() }
            let episodeId: Int64
            if let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM episode WHERE organizationId = ? AND dramaId = ? AND number = ?",
                arguments: [upload.organizationId, upload.dramaId, upload.episodeNumber])
            {
                try db.execute(
                    sql: "UPDATE episode SET assetId = ?, durationSeconds = ?, updatedAt = ? WHERE id = ?",
                    arguments: [assetId, upload.durationSeconds, now, existing])
                episodeId = existing
            } else {
                let draft = EpisodeRepository.Draft(number: upload.episodeNumber, title: "", assetId: assetId, durationSeconds: upload.durationSeconds)
                episodeId = try EpisodeRepository.insert(draft, organizationId: upload.organizationId, dramaId: upload.dramaId, now: now, in: db).id
            }
            try EpisodeRepository.touchDrama(upload.dramaId, organizationId: upload.organizationId, now: now, in: db)
            let previous = try String.fetchOne(db, sql: "SELECT fileName FROM episodeVideo WHERE episodeId = ?", arguments: [episodeId])
            if let videoFile {
                try db.execute(
                    sql: """
                        INSERT INTO episodeVideo (episodeId, organizationId, assetId, fileName, contentType, byteCount, source, createdAt, lastServedAt)
                        VALUES (?, ?, ?, ?, ?, ?, 'upload', ?, ?)
                        ON CONFLICT(episodeId) DO UPDATE SET
                          assetId = excluded.assetId, fileName = excluded.fileName, contentType = excluded.contentType,
                          byteCount = excluded.byteCount, source = excluded.source, createdAt = excluded.createdAt,
                          lastServedAt = excluded.lastServedAt
                        """,
                    arguments: [episodeId, upload.organizationId, assetId, videoFile, upload.contentType, upload.byteCount, now, now])
            } else {
                try db.execute(sql: "DELETE FROM episodeVideo WHERE episodeId = ?", arguments: [episodeId])
            }
            try db.execute(
                sql: """
                    UPDATE episodeUpload SET status = 'done', assetId = ?, episodeId = ?, fileName = NULL, failure = NULL,
                           sentBytes = byteCount, nextAttemptAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL, finishedAt = ?, updatedAt = ?
                    WHERE id = ?
                    """,
                arguments: [assetId, episodeId, now, now, upload.id])
            return Completion(episodeId: episodeId, replacedVideo: previous == videoFile ? nil : previous)
        }
    }

    /// Runs one lease-checked UPDATE; `LeaseLost` when it changed nothing.
    private func write(id: Int64, owner: String, _ change: @escaping @Sendable (Database) throws -> Void) async throws {
        try await database.writer.write { db in
            try change(db)
            guard db.changesCount > 0 else { throw LeaseLost() }
        }
    }
}
