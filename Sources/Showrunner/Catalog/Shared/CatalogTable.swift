import Foundation
import GRDB

/// The writes that projects, dramas and episodes share: archive, restore and delete one row of
/// one organisation. A row of another organisation (or none) is "not found".
enum CatalogTable: String, Sendable {
    case project, drama, episode

    /// The task column that points at this table, if tasks do.
    var taskColumn: String? {
        switch self {
        case .project: "projectId"
        case .drama: "dramaId"
        case .episode: nil
        }
    }

    /// How many tasks would stop the delete.
    func taskCount(id: Int64, organizationId: Int64, in db: Database) throws -> Int {
        guard let column = taskColumn else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task WHERE \(column) = ? AND organizationId = ?", arguments: [id, organizationId]) ?? 0
    }

    /// A line for the delete confirmation when tasks forbid the delete.
    func deleteWarnings(id: Int64, organizationId: Int64, in database: AppDatabase) async throws -> [String] {
        let tasks = try await database.read { db in try taskCount(id: id, organizationId: organizationId, in: db) }
        guard tasks > 0 else { return [] }
        return ["It has \(tasks) screenplay \(tasks == 1 ? "task" : "tasks"), so it cannot be deleted: their history and costs must stay. Archive it instead."]
    }

    func setArchived(_ archived: Bool, id: Int64, organizationId: Int64, in database: AppDatabase) async throws {
        let now = Date()
        try await database.writer.write { db in
            // The table name comes from this enum, never from a request.
            try db.execute(
                sql: "UPDATE \(rawValue) SET archivedAt = ?, updatedAt = ? WHERE id = ? AND organizationId = ?",
                arguments: [archived ? now : nil, now, id, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    func delete(id: Int64, organizationId: Int64, in database: AppDatabase) async throws {
        try await database.writer.write { db in
            // Tasks are money already spent: a project or drama with tasks is archived, never
            // deleted, so their history, costs and results stay.
            let tasks = try taskCount(id: id, organizationId: organizationId, in: db)
            if tasks > 0 {
                throw DomainError.conflict(
                    "This \(rawValue) has \(tasks) screenplay \(tasks == 1 ? "task" : "tasks"), whose history and costs would be lost. Archive it instead."
                )
            }
            try db.execute(sql: "DELETE FROM \(rawValue) WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }
}
