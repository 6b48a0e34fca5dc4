import Foundation
import GRDB
import Hummingbird

/// Dramas of one organisation. Every method takes the organisation id and filters by it.
public struct DramaRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public struct Summary: Sendable, Equatable, FetchableRecord, Decodable {
        public var id: Int64
        public var title: String
        public var language: String
        public var archivedAt: Date?
        public var updatedAt: Date
        public var episodeCount: Int
        public var totalSeconds: Double
    }

    static let sorts: [ListQuery.SortOption] = [
        .init(key: "title", label: "Title", ascending: "d.title COLLATE NOCASE ASC, d.id", descending: "d.title COLLATE NOCASE DESC, d.id DESC"),
        .init(key: "language", label: "Language", ascending: "d.language ASC, d.id", descending: "d.language DESC, d.id DESC"),
        .init(key: "episodes", label: "Episodes", ascending: "episodeCount ASC, d.id", descending: "episodeCount DESC, d.id DESC", numeric: true),
        .init(key: "minutes", label: "Minutes", ascending: "totalSeconds ASC, d.id", descending: "totalSeconds DESC, d.id DESC", numeric: true),
        .init(key: "updated", label: "Updated", ascending: "d.updatedAt ASC, d.id", descending: "d.updatedAt DESC, d.id DESC"),
    ]

    func list(organizationId: Int64, projectId: Int64, query: ListQuery) async throws -> (rows: [Summary], total: Int) {
        let archivedFilter = query.showArchived ? "" : "AND d.archivedAt IS NULL"
        let searchFilter = query.search.isEmpty ? "" : "AND (d.title LIKE :like ESCAPE '\\' OR d.notes LIKE :like ESCAPE '\\')"
        let arguments: StatementArguments = [
            "org": organizationId, "project": projectId, "like": query.likePattern, "limit": query.pageSize,
        ]
        return try await database.writer.read { db in
            let total = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM drama d WHERE d.organizationId = :org AND d.projectId = :project \(archivedFilter) \(searchFilter)",
                arguments: arguments
            ) ?? 0
            let rows = try Summary.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.title, d.language, d.archivedAt, d.updatedAt,
                           (SELECT COUNT(*) FROM episode e WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS episodeCount,
                           (SELECT COALESCE(SUM(e.durationSeconds), 0) FROM episode e
                             WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS totalSeconds
                    FROM drama d
                    WHERE d.organizationId = :org AND d.projectId = :project \(archivedFilter) \(searchFilter)
                    ORDER BY \(query.orderBy(Self.sorts))
                    LIMIT :limit OFFSET \(query.clamped(toTotal: total).offset)
                    """,
                arguments: arguments
            )
            return (rows, total)
        }
    }

    /// A drama with its project, for pages and breadcrumbs.
    public struct WithProject: Sendable {
        public let drama: Drama
        public let project: Project
    }

    /// The drama and its project, or a 404 (also for another organisation's drama).
    public func require(organizationId: Int64, id: Int64) async throws -> WithProject {
        let found = try await database.writer.read { db -> WithProject? in
            guard let drama = try Drama.fetchOne(db, sql: "SELECT * FROM drama WHERE id = ? AND organizationId = ?", arguments: [id, organizationId]),
                let project = try Project.fetchOne(
                    db, sql: "SELECT * FROM project WHERE id = ? AND organizationId = ?", arguments: [drama.projectId, organizationId]
                )
            else { return nil }
            return WithProject(drama: drama, project: project)
        }
        guard let found else { throw HTTPError(.notFound) }
        return found
    }

    public func create(organizationId: Int64, projectId: Int64, title: String, language: String, notes: String) async throws -> Drama {
        let now = Date()
        return try await database.writer.write { db in
            var drama = Drama(
                id: nil, organizationId: organizationId, projectId: projectId, title: title, language: language, notes: notes,
                archivedAt: nil, createdAt: now, updatedAt: now
            )
            try drama.insert(db)
            try db.execute(sql: "UPDATE project SET updatedAt = ? WHERE id = ? AND organizationId = ?", arguments: [now, projectId, organizationId])
            return drama
        }
    }

    public func update(organizationId: Int64, id: Int64, title: String, language: String, notes: String) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE drama SET title = ?, language = ?, notes = ?, updatedAt = ? WHERE id = ? AND organizationId = ?",
                arguments: [title, language, notes, Date(), id, organizationId]
            )
            if db.changesCount == 0 { throw HTTPError(.notFound) }
        }
    }

    public func setArchived(_ archived: Bool, organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.drama.setArchived(archived, id: id, organizationId: organizationId, in: database)
    }

    public struct Totals: Sendable, Equatable {
        public var episodes: Int
        public var archivedEpisodes: Int
        public var seconds: Double
        public var episodesWithoutDuration: Int
        public var episodesOverLimit: Int
    }

    public func totals(organizationId: Int64, dramaId: Int64) async throws -> Totals {
        try await database.writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT SUM(CASE WHEN archivedAt IS NULL THEN 1 ELSE 0 END) AS episodes,
                           SUM(CASE WHEN archivedAt IS NULL THEN 0 ELSE 1 END) AS archived,
                           COALESCE(SUM(CASE WHEN archivedAt IS NULL THEN durationSeconds END), 0) AS seconds,
                           SUM(CASE WHEN archivedAt IS NULL AND durationSeconds IS NULL THEN 1 ELSE 0 END) AS missing,
                           SUM(CASE WHEN archivedAt IS NULL AND durationSeconds >= ? THEN 1 ELSE 0 END) AS tooLong
                    FROM episode WHERE organizationId = ? AND dramaId = ?
                    """,
                arguments: [EpisodeDuration.upstreamLimit, organizationId, dramaId]
            )
            return Totals(
                episodes: row?["episodes"] ?? 0, archivedEpisodes: row?["archived"] ?? 0, seconds: row?["seconds"] ?? 0,
                episodesWithoutDuration: row?["missing"] ?? 0, episodesOverLimit: row?["tooLong"] ?? 0
            )
        }
    }

    public func episodeCount(organizationId: Int64, dramaId: Int64) async throws -> Int {
        try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode WHERE organizationId = ? AND dramaId = ?", arguments: [organizationId, dramaId]) ?? 0
        }
    }

    public func delete(organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.drama.delete(id: id, organizationId: organizationId, in: database)
    }
}
