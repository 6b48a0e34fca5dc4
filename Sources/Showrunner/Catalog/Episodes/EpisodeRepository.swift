import Foundation
import GRDB

/// Episodes of one organisation. Every method takes the organisation id and filters by it.
public struct EpisodeRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    static let sorts: [ListQuery.SortOption] = [
        .init(key: "number", label: "#", ascending: "e.number ASC", descending: "e.number DESC", numeric: true),
        .init(key: "title", label: "Title", ascending: "e.title COLLATE NOCASE ASC, e.number", descending: "e.title COLLATE NOCASE DESC, e.number DESC"),
        .init(key: "asset", label: "Asset id", ascending: "e.assetId ASC", descending: "e.assetId DESC"),
        .init(key: "duration", label: "Duration", ascending: "e.durationSeconds ASC, e.number", descending: "e.durationSeconds DESC, e.number DESC", numeric: true),
        .init(key: "updated", label: "Updated", ascending: "e.updatedAt ASC, e.number", descending: "e.updatedAt DESC, e.number DESC"),
    ]

    /// The fields an episode form or import row provides.
    public struct Draft: Sendable, Equatable {
        public var number: Int
        public var title: String
        public var assetId: String
        public var durationSeconds: Double?
        public var notes: String
        /// Imported rows can arrive archived (an export's `archived` column).
        public var archived: Bool

        public init(number: Int, title: String, assetId: String, durationSeconds: Double?, notes: String = "", archived: Bool = false) {
            self.number = number
            self.title = title
            self.assetId = assetId
            self.durationSeconds = durationSeconds
            self.notes = notes
            self.archived = archived
        }
    }

    /// A page of the drama's episodes. `activeCount` (the drama's unarchived episodes, when the
    /// caller has read its totals) stands in for the count when nothing filters the list.
    static func list(organizationId: Int64, dramaId: Int64, query: ListQuery, activeCount: Int? = nil, in db: Database) throws -> Page<Episode> {
        let archivedFilter = query.showArchived ? "" : "AND e.archivedAt IS NULL"
        var searchFilter = ""
        var arguments: StatementArguments = ["org": organizationId, "drama": dramaId, "like": query.likePattern]
        if !query.search.isEmpty {
            searchFilter = "AND (e.title LIKE :like ESCAPE '\\' OR e.assetId LIKE :like ESCAPE '\\' OR e.notes LIKE :like ESCAPE '\\'"
            // Typing an episode number finds that episode.
            if let number = Int(query.search) {
                searchFilter += " OR e.number = :number"
                _ = arguments.append(contentsOf: ["number": number])
            }
            searchFilter += ")"
        }
        return try query.fetchPage(
            Episode.self,
            countSQL: "SELECT COUNT(*) FROM episode e WHERE e.organizationId = :org AND e.dramaId = :drama \(archivedFilter) \(searchFilter)",
            selectSQL: "SELECT e.* FROM episode e WHERE e.organizationId = :org AND e.dramaId = :drama \(archivedFilter) \(searchFilter)",
            sorts: sorts, arguments: arguments, knownTotal: query.search.isEmpty && !query.showArchived ? activeCount : nil, in: db
        )
    }

    /// An episode with its drama and project, for pages and breadcrumbs.
    public struct WithParents: Sendable {
        public let episode: Episode
        public let drama: Drama
        public let project: Project
    }

    /// The episode with its drama and project (one query), or `DomainError.notFound`.
    public func require(organizationId: Int64, id: Int64) async throws -> WithParents {
        let found = try await database.read { db -> WithParents? in
            let episodeColumns = Episode.columns.count
            let dramaColumns = Drama.columns.count
            let adapters = splittingRowAdapters(columnCounts: [episodeColumns, dramaColumns])
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT e.*, d.*, p.* FROM episode e
                    JOIN drama d ON d.id = e.dramaId AND d.organizationId = e.organizationId
                    JOIN project p ON p.id = d.projectId AND p.organizationId = e.organizationId
                    WHERE e.id = ? AND e.organizationId = ?
                    """,
                arguments: [id, organizationId],
                adapter: ScopeAdapter(["episode": adapters[0], "drama": adapters[1], "project": adapters[2]])
            )
            guard let row, let episode = row.scopes["episode"], let drama = row.scopes["drama"], let project = row.scopes["project"]
            else { return nil }
            return WithParents(episode: try Episode(row: episode), drama: try Drama(row: drama), project: try Project(row: project))
        }
        guard let found else { throw DomainError.notFound }
        return found
    }

    /// Adds one episode. Throws `EpisodeConflict` when its number or asset id is already in the drama.
    public func create(organizationId: Int64, dramaId: Int64, draft: Draft) async throws -> Episode {
        let now = Date()
        return try await database.writer.write { db in
            try Self.checkConflicts(draft, dramaId: dramaId, excluding: nil, in: db)
            let episode = try Self.insert(draft, organizationId: organizationId, dramaId: dramaId, now: now, in: db)
            try Self.touchDrama(dramaId, organizationId: organizationId, now: now, in: db)
            return episode
        }
    }

    public func update(organizationId: Int64, id: Int64, dramaId: Int64, draft: Draft) async throws {
        let now = Date()
        try await database.writer.write { db in
            try Self.checkConflicts(draft, dramaId: dramaId, excluding: id, in: db)
            try db.execute(
                sql: """
                    UPDATE episode SET number = ?, title = ?, assetId = ?, durationSeconds = ?, notes = ?, updatedAt = ?
                    WHERE id = ? AND organizationId = ? AND dramaId = ?
                    """,
                arguments: [draft.number, draft.title, draft.assetId, draft.durationSeconds, draft.notes, now, id, organizationId, dramaId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
            try Self.touchDrama(dramaId, organizationId: organizationId, now: now, in: db)
        }
    }

    public func setArchived(_ archived: Bool, organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.episode.setArchived(archived, id: id, organizationId: organizationId, in: database)
    }

    public func delete(organizationId: Int64, id: Int64) async throws {
        try await CatalogTable.episode.delete(id: id, organizationId: organizationId, in: database)
    }

    /// Numbers and asset ids already used in the drama (archived episodes included), for import checks.
    public func existingKeys(organizationId: Int64, dramaId: Int64) async throws -> (numbers: Set<Int>, assets: [String: Int]) {
        try await database.read { db in
            var numbers = Set<Int>()
            var assets: [String: Int] = [:]
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT number, assetId FROM episode WHERE organizationId = ? AND dramaId = ?", arguments: [organizationId, dramaId]
            )
            while let row = try cursor.next() {
                let number: Int = row["number"]
                numbers.insert(number)
                assets[row["assetId"]] = number
            }
            return (numbers, assets)
        }
    }

    /// Inserts all drafts or none: any conflict (with the drama or within the batch) rolls back.
    public func importAll(organizationId: Int64, dramaId: Int64, drafts: [Draft]) async throws -> Int {
        let now = Date()
        return try await database.writer.write { db in
            for draft in drafts {
                try Self.checkConflicts(draft, dramaId: dramaId, excluding: nil, in: db)
                _ = try Self.insert(draft, organizationId: organizationId, dramaId: dramaId, now: now, in: db)
            }
            try Self.touchDrama(dramaId, organizationId: organizationId, now: now, in: db)
            return drafts.count
        }
    }

    /// Every episode of the drama in number order, for CSV export.
    public func all(organizationId: Int64, dramaId: Int64, includeArchived: Bool) async throws -> [Episode] {
        try await database.read { db in
            try Episode.fetchAll(
                db,
                sql: "SELECT * FROM episode WHERE organizationId = ? AND dramaId = ? \(includeArchived ? "" : "AND archivedAt IS NULL") ORDER BY number",
                arguments: [organizationId, dramaId]
            )
        }
    }

    static func insert(_ draft: Draft, organizationId: Int64, dramaId: Int64, now: Date, in db: Database) throws -> Episode {
        try db.insertReturning(Episode.self, [
            "organizationId": organizationId, "dramaId": dramaId, "number": draft.number, "title": draft.title,
            "assetId": draft.assetId, "durationSeconds": draft.durationSeconds, "notes": draft.notes,
            "archivedAt": draft.archived ? now : nil, "createdAt": now, "updatedAt": now,
        ])
    }

    static func checkConflicts(_ draft: Draft, dramaId: Int64, excluding id: Int64?, in db: Database) throws {
        let exclude = id ?? -1
        if let row = try Row.fetchOne(
            db, sql: "SELECT title FROM episode WHERE dramaId = ? AND number = ? AND id != ?", arguments: [dramaId, draft.number, exclude]
        ) {
            throw EpisodeConflict.numberTaken(number: draft.number, title: row["title"])
        }
        if let number = try Int.fetchOne(
            db, sql: "SELECT number FROM episode WHERE dramaId = ? AND assetId = ? AND id != ?", arguments: [dramaId, draft.assetId, exclude]
        ) {
            throw EpisodeConflict.assetTaken(assetId: draft.assetId, number: number)
        }
    }

    static func touchDrama(_ dramaId: Int64, organizationId: Int64, now: Date, in db: Database) throws {
        try db.execute(sql: "UPDATE drama SET updatedAt = ? WHERE id = ? AND organizationId = ?", arguments: [now, dramaId, organizationId])
    }
}

/// An episode number or asset id that is already used in the drama.
public enum EpisodeConflict: Error, Equatable {
    case numberTaken(number: Int, title: String)
    case assetTaken(assetId: String, number: Int)

    var field: String {
        switch self {
        case .numberTaken: "number"
        case .assetTaken: "assetId"
        }
    }

    var message: String {
        switch self {
        case .numberTaken(let number, let title):
            "Episode \(number) already exists in this drama" + (title.isEmpty ? "." : " (\(title)).")
        case .assetTaken(let assetId, let number):
            "\(assetId) is already episode \(number) of this drama. Each video can appear once per drama."
        }
    }
}
