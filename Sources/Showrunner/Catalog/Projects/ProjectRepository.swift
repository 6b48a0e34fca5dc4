import Foundation
import GRDB

/// Projects of one organisation. Every method takes the organisation id and filters by it.
public struct ProjectRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A project with the aggregate counts the lists show (active dramas and episodes only).
    public struct Summary: Sendable, Equatable, FetchableRecord {
        public var id: Int64
        public var name: String
        public var description: String
        public var archivedAt: Date?
        public var updatedAt: Date
        public var dramaCount: Int
        public var episodeCount: Int
        public var totalSeconds: Double

        /// By hand and by position, in the order `list` selects (the list and the dashboard
        /// read a page of these per request).
        public init(row: Row) throws {
            id = try row.decode(atIndex: 0)
            name = try row.decode(atIndex: 1)
            description = try row.decode(atIndex: 2)
            archivedAt = try row.storedDateIfPresent(atIndex: 3)
            updatedAt = try row.storedDate(atIndex: 4)
            dramaCount = try row.decode(atIndex: 5)
            episodeCount = try row.decode(atIndex: 6)
            totalSeconds = try row.decode(atIndex: 7)
        }
    }

    static let sorts: [ListQuery.SortOption] = [
        .init(key: "name", label: "Name", ascending: "p.name COLLATE NOCASE ASC, p.id", descending: "p.name COLLATE NOCASE DESC, p.id DESC"),
        .init(key: "updated", label: "Updated", ascending: "p.updatedAt ASC, p.id", descending: "p.updatedAt DESC, p.id DESC"),
        .init(key: "dramas", label: "Dramas", ascending: "dramaCount ASC, p.id", descending: "dramaCount DESC, p.id DESC", numeric: true),
        .init(key: "episodes", label: "Episodes", ascending: "episodeCount ASC, p.id", descending: "episodeCount DESC, p.id DESC", numeric: true),
    ]

    /// One page of projects with counts, and the total matching the filter.
    func list(organizationId: Int64, query: ListQuery) async throws -> Page<Summary> {
        try await database.read { db in try Self.list(organizationId: organizationId, query: query, in: db) }
    }

    /// `activeCount` (the organisation's active projects, when the caller has counted them)
    /// stands in for the count when nothing filters the list.
    static func list(organizationId: Int64, query: ListQuery, activeCount: Int? = nil, in db: Database) throws -> Page<Summary> {
        let archivedFilter = query.showArchived ? "" : "AND p.archivedAt IS NULL"
        let searchFilter = query.search.isEmpty ? "" : "AND (p.name LIKE :like ESCAPE '\\' OR p.description LIKE :like ESCAPE '\\')"
        return try query.fetchPage(
            Summary.self,
            countSQL: "SELECT COUNT(*) FROM project p WHERE p.organizationId = :org \(archivedFilter) \(searchFilter)",
            // The column order is `Summary.init(row:)`'s.
            selectSQL: """
                SELECT p.id, p.name, p.description, p.archivedAt, p.updatedAt,
                       COALESCE(d.dramaCount, 0) AS dramaCount,
                       COALESCE(e.episodeCount, 0) AS episodeCount,
                       COALESCE(e.totalSeconds, 0) AS totalSeconds
                FROM project p
                LEFT JOIN (SELECT projectId, COUNT(*) AS dramaCount FROM drama
                           WHERE organizationId = :org AND archivedAt IS NULL GROUP BY projectId) d ON d.projectId = p.id
                LEFT JOIN (SELECT dr.projectId, COUNT(*) AS episodeCount, SUM(ep.durationSeconds) AS totalSeconds
                           FROM episode ep JOIN drama dr ON dr.id = ep.dramaId
                           WHERE ep.organizationId = :org AND ep.archivedAt IS NULL AND dr.archivedAt IS NULL
                           GROUP BY dr.projectId) e ON e.projectId = p.id
                WHERE p.organizationId = :org \(archivedFilter) \(searchFilter)
                """,
            sorts: sorts, arguments: ["org": organizationId, "like": query.likePattern],
            knownTotal: query.search.isEmpty && !query.showArchived ? activeCount : nil, in: db
        )
    }

    public func find(organizationId: Int64, id: Int64) async throws -> Project? {
        try await database.read { db in
            try Project.fetchOne(db.cachedStatement(sql: "SELECT * FROM project WHERE id = ? AND organizationId = ?"), arguments: [id, organizationId])
        }
    }

    /// The project, or `DomainError.notFound` (also for another organisation's id).
    public func require(organizationId: Int64, id: Int64) async throws -> Project {
        guard let project = try await find(organizationId: organizationId, id: id) else { throw DomainError.notFound }
        return project
    }

    /// Everything the project page shows, read in one transaction so the numbers agree.
    struct Overview: Sendable {
        var project: Project
        var totals: Totals
        var dramas: Page<DramaRepository.Summary>
        /// Screenplay spend this calendar month, for the budget line.
        var monthSpendCents: Int
    }

    func overview(organizationId: Int64, id: Int64, dramaQuery: ListQuery) async throws -> Overview {
        let found = try await database.read { db -> Overview? in
            guard let project = try Project.fetchOne(db.cachedStatement(sql: "SELECT * FROM project WHERE id = ? AND organizationId = ?"), arguments: [id, organizationId])
            else { return nil }
            return Overview(
                project: project,
                totals: try Self.totals(organizationId: organizationId, projectId: id, in: db),
                dramas: try DramaRepository.list(organizationId: organizationId, projectId: id, query: dramaQuery, in: db),
                monthSpendCents: try TaskRepository.monthSpend(organizationId: organizationId, projectId: id, now: Date(), in: db)
            )
        }
        guard let found else { throw DomainError.notFound }
        return found
    }

    public struct Totals: Sendable, Equatable {
        public var dramas: Int
        public var episodes: Int
        public var seconds: Double
        public var episodesWithoutDuration: Int
    }

    /// Counts for the project page, from aggregate queries (active dramas and episodes).
    public func totals(organizationId: Int64, projectId: Int64) async throws -> Totals {
        try await database.read { db in try Self.totals(organizationId: organizationId, projectId: projectId, in: db) }
    }

    static func totals(organizationId: Int64, projectId: Int64, in db: Database) throws -> Totals {
        let dramas = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM drama WHERE organizationId = ? AND projectId = ? AND archivedAt IS NULL"),
            arguments: [organizationId, projectId]
        ) ?? 0
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT COUNT(*) AS episodes, COALESCE(SUM(e.durationSeconds), 0) AS seconds,
                       SUM(CASE WHEN e.durationSeconds IS NULL THEN 1 ELSE 0 END) AS missing
                FROM episode e JOIN drama d ON d.id = e.dramaId
                WHERE e.organizationId = ? AND d.projectId = ? AND e.archivedAt IS NULL AND d.archivedAt IS NULL
                """),
            arguments: [organizationId, projectId]
        )
        return Totals(
            dramas: dramas, episodes: row?["episodes"] ?? 0, seconds: row?["seconds"] ?? 0,
            episodesWithoutDuration: row?["missing"] ?? 0
        )
    }

    /// Everything the dashboard counts, active items only, in one statement.
    public struct OrganizationTotals: Sendable, Equatable {
        public var members = 0
        public var projects = 0
        public var dramas = 0
        public var episodes = 0
        public var seconds = 0.0
    }

    /// The dashboard's counts and most recently updated projects, in one read.
    func dashboard(organizationId: Int64, recent: Int) async throws -> (totals: OrganizationTotals, recent: [Summary]) {
        try await database.read { db in
            let query = ListQuery(sortKey: "updated", descending: true, pageSize: recent)
            let totals = try Self.organizationTotals(organizationId: organizationId, in: db)
            return (totals, try Self.list(organizationId: organizationId, query: query, activeCount: totals.projects, in: db).rows)
        }
    }

    public func organizationTotals(organizationId: Int64) async throws -> OrganizationTotals {
        try await database.read { db in try Self.organizationTotals(organizationId: organizationId, in: db) }
    }

    static func organizationTotals(organizationId: Int64, in db: Database) throws -> OrganizationTotals {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT (SELECT COUNT(*) FROM membership WHERE organizationId = :org) AS members,
                       (SELECT COUNT(*) FROM project WHERE organizationId = :org AND archivedAt IS NULL) AS projects,
                       (SELECT COUNT(*) FROM drama WHERE organizationId = :org AND archivedAt IS NULL) AS dramas,
                       e.episodes, e.seconds
                FROM (SELECT COUNT(*) AS episodes, COALESCE(SUM(durationSeconds), 0) AS seconds
                      FROM episode WHERE organizationId = :org AND archivedAt IS NULL) e
                """),
            arguments: ["org": organizationId]
        )
        return OrganizationTotals(
            members: row?["members"] ?? 0, projects: row?["projects"] ?? 0, dramas: row?["dramas"] ?? 0,
            episodes: row?["episodes"] ?? 0, seconds: row?["seconds"] ?? 0
        )
    }

    public func create(organizationId: Int64, name: String, description: String) async throws -> Project {
        let now = Date()
        return try await database.writer.write { db in
            try db.insertReturning(Project.self, [
                "organizationId": organizationId, "name": name, "description": description, "createdAt": now, "updatedAt": now,
            ])
        }
    }

    public func update(organizationId: Int64, id: Int64, name: String, description: String) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE project SET name = ?, description = ?, updatedAt = ? WHERE id = ? AND organizationId = ?",
                arguments: [name, description, Date(), id, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    /// Archives (hides from lists) or restores the project.
    public func setArchived(_ archived: Bool, organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.project.setArchived(archived, id: id, organizationId: organizationId, in: database)
    }

    /// What deleting the project removes with it (archived rows included).
    public func deletionImpact(organizationId: Int64, id: Int64) async throws -> (dramas: Int, episodes: Int) {
        try await database.read { db in
            let dramas = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM drama WHERE organizationId = ? AND projectId = ?"), arguments: [organizationId, id]
            ) ?? 0
            let episodes = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM episode e JOIN drama d ON d.id = e.dramaId WHERE e.organizationId = ? AND d.projectId = ?",
                arguments: [organizationId, id]
            ) ?? 0
            return (dramas, episodes)
        }
    }

    public func delete(organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.project.delete(id: id, organizationId: organizationId, in: database)
    }
}
