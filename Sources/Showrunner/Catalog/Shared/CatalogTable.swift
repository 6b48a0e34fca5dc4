import Foundation
import GRDB

/// The writes that projects, dramas and episodes share: archive, restore and delete one row of
/// one organisation. A row of another organisation (or none) is "not found".
enum CatalogTable: String, Sendable {
    case project, drama, episode

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
            try db.execute(sql: "DELETE FROM \(rawValue) WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }
}
