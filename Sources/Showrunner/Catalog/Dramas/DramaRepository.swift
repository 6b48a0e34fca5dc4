import Foundation
import GRDB

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

    static func list(organizationId: Int64, projectId: Int64, query: ListQuery, in db: Database) throws -> Page<Summary> {
        let archivedFilter = query.showArchived ? "" : "AND d.archivedAt IS NULL"
        let searchFilter = query.search.isEmpty ? "" : "AND (d.title LIKE :like ESCAPE '\\' OR d.notes LIKE :like ESCAPE '\\')"
        return try query.fetchPage(
            Summary.self,
            countSQL: "SELECT COUNT(*) FROM drama d WHERE d.organizationId = :org AND d.projectId = :project \(archivedFilter) \(searchFilter)",
            selectSQL: """
                SELECT d.id, d.title, d.language, d.archivedAt, d.updatedAt,
                       (SELECT COUNT(*) FROM episode e WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS episodeCount,
                       (SELECT COALESCE(SUM(e.durationSeconds), 0) FROM episode e
                         WHERE e.dramaId = d.id AND e.archivedAt IS NULL) AS totalSeconds
                FROM drama d
                WHERE d.organizationId = :org AND d.projectId = :project \(archivedFilter) \(searchFilter)
                """,
            sorts: sorts, arguments: ["org": organizationId, "project": projectId, "like": query.likePattern], in: db
        )
    }

    /// A drama with its project, for pages and breadcrumbs.
    public struct WithProject: Sendable {
        public let drama: Drama
        public let project: Project
    }

    /// The drama and its project (one query), or nil (also for another organisation's drama).
    public func find(organizationId: Int64, id: Int64) async throws -> WithProject? {
        try await database.read { db in try Self.find(organizationId: organizationId, id: id, in: db) }
    }

    /// The drama and its project, or `DomainError.notFound`.
    public func require(organizationId: Int64, id: Int64) async throws -> WithProject {
        guard let found = try await find(organizationId: organizationId, id: id) else { throw DomainError.notFound }
        return found
    }

    static func find(organizationId: Int64, id: Int64, in db: Database) throws -> WithProject? {
        let dramaColumns = Drama.columns.count
        let adapter = splittingRowAdapters(columnCounts: [dramaColumns])
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT d.*, p.* FROM drama d JOIN project p ON p.id = d.projectId AND p.organizationId = d.organizationId WHERE d.id = ? AND d.organizationId = ?"),
            arguments: [id, organizationId],
            adapter: ScopeAdapter(["drama": adapter[0], "project": adapter[1]])
        )
        guard let row, let dramaRow = row.scopes["drama"], let projectRow = row.scopes["project"] else { return nil }
        return WithProject(drama: try Drama(row: dramaRow), project: try Project(row: projectRow))
    }

    /// Everything the drama page shows, read in one transaction so the numbers agree.
    struct Overview: Sendable {
        var drama: Drama
        var project: Project
        var totals: Totals
        var episodes: Page<Episode>
        /// Extraction and review state of the listed episodes, by episode id.
        var progress: [Int64: EpisodeProgress]
        var review: EpisodeProgress.Totals
    }

    func overview(organizationId: Int64, id: Int64, episodeQuery: ListQuery) async throws -> Overview {
        let found = try await database.read { db -> Overview? in
            guard let found = try Self.find(organizationId: organizationId, id: id, in: db) else { return nil }
            let (totals, review) = try Self.totalsWithReview(organizationId: organizationId, dramaId: id, in: db)
            let episodes = try EpisodeRepository.list(
                organizationId: organizationId, dramaId: id, query: episodeQuery, activeCount: totals.episodes, in: db)
            return Overview(
                drama: found.drama, project: found.project, totals: totals, episodes: episodes,
                progress: try EpisodeProgress.forEpisodes(episodes.rows.map(\.id), organizationId: organizationId, in: db),
                review: review
            )
        }
        guard let found else { throw DomainError.notFound }
        return found
    }

    public func create(organizationId: Int64, projectId: Int64, title: String, language: String, notes: String) async throws -> Drama {
        let now = Date()
        return try await database.writer.write { db in
            let drama = try db.insertReturning(Drama.self, [
                "organizationId": organizationId, "projectId": projectId, "title": title, "language": language, "notes": notes,
                "createdAt": now, "updatedAt": now,
            ])
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
            if db.changesCount == 0 { throw DomainError.notFound }
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

    /// The drama's episode totals (the submit form's checks), from the same statement as the
    /// drama page's.
    public func totals(organizationId: Int64, dramaId: Int64) async throws -> Totals {
        try await database.read { db in try Self.totalsWithReview(organizationId: organizationId, dramaId: dramaId, in: db).0 }
    }

    /// The episode totals and the review totals (`EpisodeProgress.Totals`) in one pass over the drama's
    /// episodes, each episode's current run worked out once (the view repeats its subqueries
    /// wherever `runId` is named).
    static func totalsWithReview(organizationId: Int64, dramaId: Int64, in db: Database) throws -> (Totals, EpisodeProgress.Totals) {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                WITH e AS MATERIALIZED (
                    SELECT e.archivedAt IS NULL AS active, e.durationSeconds AS seconds, cur.runId
                    FROM episode e JOIN episodeCurrentRun cur ON cur.episodeId = e.id
                    WHERE e.organizationId = ? AND e.dramaId = ?
                )
                SELECT COALESCE(SUM(e.active), 0), COALESCE(SUM(NOT e.active), 0),
                       COALESCE(SUM(CASE WHEN e.active THEN e.seconds END), 0),
                       COALESCE(SUM(e.active AND e.seconds IS NULL), 0), COALESCE(SUM(e.active AND e.seconds >= ?), 0),
                       COUNT(CASE WHEN e.active THEN e.runId END),
                       COALESCE(SUM(e.active AND rv.status = 'approved'), 0), COALESCE(SUM(e.active AND rv.status = 'needs_changes'), 0)
                FROM e LEFT JOIN runReview rv ON rv.runId = e.runId
                """),
            arguments: [organizationId, dramaId, EpisodeDuration.upstreamLimit]
        )
        guard let row else { return (Totals(episodes: 0, archivedEpisodes: 0, seconds: 0, episodesWithoutDuration: 0, episodesOverLimit: 0), .init()) }
        let totals = Totals(
            episodes: try row.decode(atIndex: 0), archivedEpisodes: try row.decode(atIndex: 1), seconds: try row.decode(atIndex: 2),
            episodesWithoutDuration: try row.decode(atIndex: 3), episodesOverLimit: try row.decode(atIndex: 4))
        let review = EpisodeProgress.Totals(
            episodes: totals.episodes, withStoryboard: try row.decode(atIndex: 5), approved: try row.decode(atIndex: 6),
            needsChanges: try row.decode(atIndex: 7))
        return (totals, review)
    }

    public func episodeCount(organizationId: Int64, dramaId: Int64) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM episode WHERE organizationId = ? AND dramaId = ?"), arguments: [organizationId, dramaId]) ?? 0
        }
    }

    public func delete(organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.drama.delete(id: id, organizationId: organizationId, in: database)
    }
}
