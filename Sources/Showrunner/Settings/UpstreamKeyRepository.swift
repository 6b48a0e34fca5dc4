import Foundation
import GRDB

/// An organisation's memories.ai keys: added sealed, named, tested, one default, disabled or
/// deleted. Every method takes the organisation id and filters by it.
struct UpstreamKeyRepository: Sendable {
    let database: AppDatabase
    let secrets: SecretBox

    static let fingerprintPurpose = "upstream-key"

    func list(organizationId: Int64) async throws -> [UpstreamKey] {
        try await database.read { db in
            try UpstreamKey.fetchAll(
                db, sql: "SELECT * FROM upstreamKey WHERE organizationId = ? ORDER BY isDefault DESC, name COLLATE NOCASE, id",
                arguments: [organizationId]
            )
        }
    }

    /// Adds a key; the organisation's first usable key becomes its default.
    func add(organizationId: Int64, name: String, apiKey: String, createdBy: Int64) async throws -> UpstreamKey {
        let sealed = try secrets.seal(apiKey)
        let fingerprint = secrets.fingerprint(apiKey, purpose: Self.fingerprintPurpose)
        let now = Date()
        return try await database.writer.write { db in
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM upstreamKey WHERE organizationId = ? AND fingerprint = ?)",
                arguments: [organizationId, fingerprint]
            ) == true {
                throw DomainError.invalid("This key is already saved for this organisation.")
            }
            let hasDefault = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM upstreamKey WHERE organizationId = ? AND isDefault = 1)", arguments: [organizationId]
            ) ?? false
            return try db.insertReturning(UpstreamKey.self, [
                "organizationId": organizationId, "name": name, "sealedKey": sealed, "lastFour": String(apiKey.suffix(4)),
                "fingerprint": fingerprint, "isDefault": !hasDefault, "createdByUserId": createdBy, "createdAt": now,
            ])
        }
    }

    func find(organizationId: Int64, id: Int64) async throws -> UpstreamKey? {
        try await database.read { db in
            try UpstreamKey.fetchOne(db, sql: "SELECT * FROM upstreamKey WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
        }
    }

    func makeDefault(organizationId: Int64, id: Int64) async throws {
        try await database.writer.write { db in
            guard let key = try UpstreamKey.fetchOne(
                db, sql: "SELECT * FROM upstreamKey WHERE id = ? AND organizationId = ?", arguments: [id, organizationId]
            ) else { throw DomainError.notFound }
            guard key.disabledAt == nil else { throw DomainError.conflict("A disabled key cannot be the default. Enable it first.") }
            try db.execute(sql: "UPDATE upstreamKey SET isDefault = 0 WHERE organizationId = ? AND isDefault = 1", arguments: [organizationId])
            try db.execute(sql: "UPDATE upstreamKey SET isDefault = 1 WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
        }
    }

    /// Disabling the default leaves the organisation without one (tasks then use the server's).
    func setDisabled(_ disabled: Bool, organizationId: Int64, id: Int64) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE upstreamKey SET disabledAt = ?, isDefault = CASE WHEN ? THEN 0 ELSE isDefault END WHERE id = ? AND organizationId = ?",
                arguments: [disabled ? Date() : nil, disabled, id, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    /// Tasks keep their history; their link to the key is cleared (`ON DELETE SET NULL`).
    /// A key that unfinished tasks still need (to be tracked or downloaded) cannot be deleted.
    func delete(organizationId: Int64, id: Int64) async throws {
        try await database.writer.write { db in
            let needed = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM task WHERE upstreamKeyId = ? AND organizationId = ?
                      AND (status IN ('submitting', 'pending', 'running') OR (status = 'completed' AND resultStatus IN ('none', 'downloading')))
                    """,
                arguments: [id, organizationId]
            ) ?? 0
            if needed > 0 {
                throw DomainError.conflict(
                    "\(needed) unfinished \(needed == 1 ? "task uses" : "tasks use") this key to be tracked and downloaded. Disable it instead: disabled keys take no new tasks."
                )
            }
            try db.execute(sql: "DELETE FROM upstreamKey WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    func recordTest(organizationId: Int64, id: Int64, outcome: String) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE upstreamKey SET lastTestedAt = ?, lastTestOutcome = ? WHERE id = ? AND organizationId = ?",
                arguments: [Date(), outcome, id, organizationId]
            )
        }
    }

    /// The key in clear, for one upstream call. Nil when it cannot be opened (another master key).
    func reveal(_ key: UpstreamKey) -> String? {
        secrets.open(key.sealedKey)
    }

    /// The organisation's default, enabled key.
    func defaultKey(organizationId: Int64) async throws -> UpstreamKey? {
        try await database.read { db in
            try UpstreamKey.fetchOne(
                db, sql: "SELECT * FROM upstreamKey WHERE organizationId = ? AND isDefault = 1 AND disabledAt IS NULL", arguments: [organizationId]
            )
        }
    }
}
