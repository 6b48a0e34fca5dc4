import Foundation
import GRDB
import Logging
import Showrunner

/// A migrated in-memory database holding an organisation, project, drama, its episodes and
/// one completed task over them (plain SQL, only the columns the schema requires), plus
/// helpers to ingest into it and count what was stored.
struct IngestScenario {
    let database: AppDatabase
    let organizationId: Int64
    let dramaId: Int64
    let projectId: Int64
    let taskId: Int64
    /// Catalog episode ids by episode number.
    let episodeIds: [Int: Int64]

    /// Episode key → catalog episode id, as the task's episode map.
    var episodeMap: [String: Int64?] {
        Dictionary(uniqueKeysWithValues: episodeIds.map { (String($0.key), Optional($0.value)) })
    }

    static func make(episodes: [SimulatedResultArchive.Episode] = IngestFixtures.episodes) async throws -> IngestScenario {
        let database = try TestApp.database()
        return try await database.writer.write { db in
            let now = Date()
            try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES ('studio', 'Studio', ?)", arguments: [now])
            let organizationId = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO project (organizationId, name, createdAt, updatedAt) VALUES (?, 'Slate', ?, ?)",
                arguments: [organizationId, now, now]
            )
            let projectId = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO drama (organizationId, projectId, title, createdAt, updatedAt) VALUES (?, ?, 'Heir', ?, ?)",
                arguments: [organizationId, projectId, now, now]
            )
            let dramaId = db.lastInsertedRowID
            var episodeIds: [Int: Int64] = [:]
            for (index, episode) in episodes.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO episode (organizationId, dramaId, number, assetId, durationSeconds, createdAt, updatedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [organizationId, dramaId, index + 1, episode.assetID, episode.durationSeconds, now, now]
                )
                episodeIds[index + 1] = db.lastInsertedRowID
            }
            let taskId = try insertTask(db, organizationId: organizationId, projectId: projectId, dramaId: dramaId, episodeIds: episodeIds)
            return IngestScenario(
                database: database, organizationId: organizationId, dramaId: dramaId, projectId: projectId, taskId: taskId,
                episodeIds: episodeIds
            )
        }
    }

    /// Another completed task over the same episodes (an episode extracted twice).
    func addTask() async throws -> Int64 {
        try await database.writer.write { [self] db in
            try Self.insertTask(db, organizationId: organizationId, projectId: projectId, dramaId: dramaId, episodeIds: episodeIds)
        }
    }

    /// A completed task over `episodeIds` (episode number → catalog id), as ingest expects it.
    static func insertTask(
        _ db: Database, organizationId: Int64, projectId: Int64, dramaId: Int64, episodeIds: [Int: Int64]
    ) throws -> Int64 {
        let now = Date()
        try db.execute(
            sql: """
                INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                    requestJSON, episodeCount, estimatedCostCents, status, resultStatus, createdAt, updatedAt)
                VALUES (?, ?, ?, 'simulator', 'test', ?, 'short_drama', '{}', ?, 0, 'completed', 'ingesting', ?, ?)
                """,
            arguments: [organizationId, projectId, dramaId, UUID().uuidString, episodeIds.count, now, now]
        )
        let taskId = db.lastInsertedRowID
        for (number, episodeId) in episodeIds {
            try db.execute(
                sql: """
                    INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, estimatedCostCents)
                    VALUES (?, ?, ?, (SELECT assetId FROM episode WHERE id = ?), 0)
                    """,
                arguments: [taskId, number, episodeId, episodeId]
            )
        }
        return taskId
    }

    @discardableResult
    func ingest(
        _ zip: URL,
        taskId: Int64? = nil,
        episodes: [String: Int64?]? = nil,
        limits: ArchiveLimits = .default,
        finish: @escaping @Sendable (Database, IngestSummary) throws -> Void = { _, _ in }
    ) async throws -> IngestSummary {
        try await ResultIngest(database: database).ingest(
            archiveAt: zip, taskId: taskId ?? self.taskId, organizationId: organizationId, episodes: episodes ?? episodeMap,
            limits: limits, inTransaction: finish
        )
    }

    /// Ingests and returns the `ResultIngestError` it must fail with.
    func ingestFailure(_ zip: URL, episodes: [String: Int64?]? = nil, limits: ArchiveLimits = .default) async throws -> ResultIngestError {
        do {
            try await ingest(zip, episodes: episodes, limits: limits)
        } catch let error as ResultIngestError {
            return error
        }
        throw IngestTestFailure("the ingest of \(zip.lastPathComponent) succeeded but should have failed")
    }

    func count(_ table: String) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    /// Rows in every storyboard table, so "stores nothing" is checked everywhere at once.
    func storedRowCount() async throws -> Int {
        var total = 0
        for table in ["storyboardRun", "storyboardScene", "storyboardShot", "dialogueLine", "taskCharacter", "sceneCharacter", "shotCharacter"] {
            total += try await count(table)
        }
        return total
    }
}

struct IngestTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
