import Foundation
import GRDB

/// Reads ingested storyboards. Every method takes the organisation id; another tenant's
/// episode or run reads exactly like a missing one.
public struct StoryboardRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The episode's current run (or `runId`, which must be one of the episode's runs) as a
    /// document; nil when the episode has no such run. `DomainError.notFound` for an episode
    /// that is not in the organisation.
    public func document(organizationId: Int64, episodeId: Int64, runId: Int64? = nil) async throws -> StoryboardDocument? {
        try await database.read { db in
            try Self.document(organizationId: organizationId, episodeId: episodeId, runId: runId, in: db)
        }
    }

    static func document(organizationId: Int64, episodeId: Int64, runId: Int64?, in db: Database) throws -> StoryboardDocument? {
        let header = try db.cachedStatement(sql: """
            SELECT e.id AS episodeId, e.title AS episodeTitle, d.id AS dramaId, d.title AS dramaTitle, p.name AS projectTitle,
                   r.id, r.taskId, r.episodeNumber, r.assetId, r.language, r.transcriptSource, r.durationSeconds, r.ingestedAt
            FROM episode e
            JOIN drama d ON d.id = e.dramaId AND d.organizationId = e.organizationId
            JOIN project p ON p.id = d.projectId AND p.organizationId = e.organizationId
            LEFT JOIN storyboardRun r ON r.id = COALESCE(:run, (SELECT runId FROM episodeCurrentRun c WHERE c.episodeId = e.id))
                AND r.episodeId = e.id AND r.organizationId = e.organizationId
            WHERE e.id = :episode AND e.organizationId = :org
            """)
        guard let row = try Row.fetchOne(header, arguments: ["run": runId, "episode": episodeId, "org": organizationId]) else {
            throw DomainError.notFound
        }
        guard let id: Int64 = row["id"] else { return nil }
        let run = StoryboardDocument.Run(
            id: id, taskId: row["taskId"], episodeId: row["episodeId"], episodeNumber: row["episodeNumber"],
            assetId: row["assetId"], language: row["language"], transcriptSource: row["transcriptSource"],
            durationSeconds: row["durationSeconds"], ingestedAt: row["ingestedAt"]
        )
        let body = try StoryboardRunReader(db: db, run: run).read()
        return StoryboardDocument(
            run: run, projectTitle: row["projectTitle"], dramaId: row["dramaId"], dramaTitle: row["dramaTitle"],
            episodeTitle: row["episodeTitle"], characters: body.characters, scenes: body.scenes
        )
    }
}
