import Foundation
import GRDB

/// The catalog reads of the JSON API, paged by key (an index seek per page, however deep).
/// Every query takes the organisation id.
struct APICatalogRepository: Sendable {
    let database: AppDatabase

    /// A project with its active dramas and episodes counted (per-row index seeks).
    static let projectSelect = """
        SELECT p.id, p.name, p.description, p.archivedAt, p.monthlyBudgetCents, p.createdAt, p.updatedAt,
          (SELECT COUNT(*) FROM drama d WHERE d.projectId = p.id AND d.archivedAt IS NULL) AS dramaCount,
          (SELECT COUNT(*) FROM drama d JOIN episode e ON e.dramaId = d.id
            WHERE d.projectId = p.id AND d.archivedAt IS NULL AND e.archivedAt IS NULL) AS episodeCount
        FROM project p
        """

    /// A drama with its active episodes counted and summed.
    static let dramaSelect = """
        SELECT d.*, (SELECT COUNT(*) FROM episode e WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS episodeCount,
          (SELECT COALESCE(SUM(e.durationSeconds), 0) FROM episode e WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS totalSeconds
        FROM drama d
        """

    func projects(organizationId: Int64, paging: APIPaging, includeArchived: Bool) async throws -> [APICatalog.Project] {
        try await database.read { db in
            let statement = try db.cachedStatement(
                sql: "\(Self.projectSelect) WHERE p.organizationId = ? AND p.id > ? AND (? OR p.archivedAt IS NULL) ORDER BY p.id LIMIT ?"
            )
            return try Row.fetchAll(statement, arguments: [organizationId, paging.after ?? 0, includeArchived, paging.limit + 1]).map(Self.project)
        }
    }

    func project(organizationId: Int64, id: Int64) async throws -> APICatalog.Project? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: "\(Self.projectSelect) WHERE p.organizationId = ? AND p.id = ?",
                arguments: [organizationId, id]
            ).map(Self.project)
        }
    }

    /// Whether row `id` of `table` (a fixed name, never input) belongs to the organisation.
    static func owns(_ table: String, _ id: Int64, _ organizationId: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ? AND organizationId = ?)", arguments: [id, organizationId]) ?? false
    }

    static func project(_ row: Row) -> APICatalog.Project {
        APICatalog.Project(
            id: row["id"], name: row["name"], description: row["description"], archived: (row["archivedAt"] as Date?) != nil,
            monthlyBudgetCents: row["monthlyBudgetCents"], dramaCount: row["dramaCount"], episodeCount: row["episodeCount"],
            createdAt: row["createdAt"], updatedAt: row["updatedAt"]
        )
    }

    /// Nil when the project is not this organisation's.
    func dramas(organizationId: Int64, projectId: Int64, paging: APIPaging, includeArchived: Bool) async throws -> [APICatalog.Drama]? {
        try await database.read { db in
            guard try Self.owns("project", projectId, organizationId, in: db) else { return nil }
            let statement = try db.cachedStatement(
                sql: "\(Self.dramaSelect) WHERE d.organizationId = ? AND d.projectId = ? AND d.id > ? AND (? OR d.archivedAt IS NULL) ORDER BY d.id LIMIT ?"
            )
            return try Row.fetchAll(
                statement, arguments: [organizationId, projectId, paging.after ?? 0, includeArchived, paging.limit + 1]
            ).map(Self.drama)
        }
    }

    func drama(organizationId: Int64, id: Int64) async throws -> APICatalog.Drama? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: "\(Self.dramaSelect) WHERE d.organizationId = ? AND d.id = ?",
                arguments: [organizationId, id]
            ).map(Self.drama)
        }
    }

    static func drama(_ row: Row) -> APICatalog.Drama {
        APICatalog.Drama(
            id: row["id"], projectId: row["projectId"], title: row["title"], language: row["language"], notes: row["notes"],
            archived: (row["archivedAt"] as Date?) != nil, episodeCount: row["episodeCount"], totalSeconds: row["totalSeconds"],
            createdAt: row["createdAt"], updatedAt: row["updatedAt"]
        )
    }

    /// Episodes by number (the cursor is the last number sent); nil when the drama is not
    /// this organisation's.
    func episodes(organizationId: Int64, dramaId: Int64, paging: APIPaging, includeArchived: Bool) async throws -> [APICatalog.Episode]? {
        try await database.read { db in
            guard try Self.owns("drama", dramaId, organizationId, in: db) else { return nil }
            return try Self.episodes(
                db, where: "e.organizationId = ? AND e.dramaId = ? AND e.number > ? AND (? OR e.archivedAt IS NULL) ORDER BY e.number LIMIT ?",
                arguments: [organizationId, dramaId, paging.after ?? 0, includeArchived, paging.limit + 1]
            )
        }
    }

    func episode(organizationId: Int64, id: Int64) async throws -> APICatalog.Episode? {
        try await database.read { db in
            try Self.episodes(db, where: "e.organizationId = ? AND e.id = ?", arguments: [organizationId, id]).first
        }
    }

    /// Episodes with their current run and its review state, in one query.
    static func episodes(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [APICatalog.Episode] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT e.*, cur.runId AS currentRunId, rv.status AS reviewStatus FROM episode e
                JOIN episodeCurrentRun cur ON cur.episodeId = e.id
                LEFT JOIN runReview rv ON rv.runId = cur.runId
                WHERE \(condition)
                """
        )
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            APICatalog.Episode(try Episode(row: row), currentRunId: row["currentRunId"], review: row["reviewStatus"])
        }
    }

    /// Creates or updates episodes by number in one transaction; episodes not named are left
    /// alone. Validation happens before (`APICatalogController`); conflicts (an asset id used
    /// by another episode) fail the whole request.
    func upsert(organizationId: Int64, dramaId: Int64, items: [APICatalog.EpisodeUpsert.Item]) async throws -> APICatalog.UpsertResult {
        let now = Date()
        return try await database.writer.write { db in
            guard try Self.owns("drama", dramaId, organizationId, in: db) else { throw DomainError.notFound }
            var created = 0
            var updated = 0
            var unchanged = 0
            for item in items {
                let existing = try Episode.fetchOne(
                    db, sql: "SELECT * FROM episode WHERE dramaId = ? AND number = ? AND organizationId = ?",
                    arguments: [dramaId, item.number, organizationId]
                )
                let draft = EpisodeRepository.Draft(
                    number: item.number, title: item.title ?? existing?.title ?? "", assetId: item.assetId,
                    durationSeconds: item.durationSeconds ?? existing?.durationSeconds, notes: item.notes ?? existing?.notes ?? "",
                    archived: existing?.archivedAt != nil
                )
                try EpisodeRepository.checkConflicts(draft, dramaId: dramaId, excluding: existing?.id, in: db)
                if let existing {
                    if existing.title == draft.title, existing.assetId == draft.assetId, existing.durationSeconds == draft.durationSeconds,
                        existing.notes == draft.notes
                    {
                        unchanged += 1
                        continue
                    }
                    try db.execute(
                        sql: "UPDATE episode SET title = ?, assetId = ?, durationSeconds = ?, notes = ?, updatedAt = ? WHERE id = ? AND organizationId = ?",
                        arguments: [draft.title, draft.assetId, draft.durationSeconds, draft.notes, now, existing.id, organizationId]
                    )
                    updated += 1
                } else {
                    _ = try EpisodeRepository.insert(draft, organizationId: organizationId, dramaId: dramaId, now: now, in: db)
                    created += 1
                }
            }
            if created + updated > 0 { try EpisodeRepository.touchDrama(dramaId, organizationId: organizationId, now: now, in: db) }
            let numbers = items.map(\.number)
            let placeholders = databaseQuestionMarks(count: numbers.count)
            let episodes = try Self.episodes(
                db, where: "e.organizationId = ? AND e.dramaId = ? AND e.number IN (\(placeholders)) ORDER BY e.number",
                arguments: StatementArguments([organizationId, dramaId] + numbers.map { Int64($0) })
            )
            return APICatalog.UpsertResult(created: created, updated: updated, unchanged: unchanged, episodes: episodes)
        }
    }
}
