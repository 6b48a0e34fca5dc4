import Foundation
import GRDB

/// An organisation's Showrunner API keys: created (the secret returned once), listed,
/// revoked, and looked up by secret on every API request. Every method but the lookup takes
/// the organisation id and filters by it.
struct APIKeyRepository: Sendable {
    let database: AppDatabase

    /// A key in a list, with its creator's name (kept readable after they leave).
    struct Listed: Sendable, Equatable {
        var key: APIKey
        var creatorName: String?
    }

    /// What creating a key needs; `role` must not exceed `creatorRole` (checked here).
    struct NewKey: Sendable {
        var organizationId: Int64
        var userId: Int64
        var creatorRole: Role
        var name: String
        var role: Role
        var readOnly: Bool
        var expiresAt: Date?
    }

    static let maximumNameLength = 100

    func create(_ new: NewKey, now: Date = Date()) async throws -> CreatedAPIKey {
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= Self.maximumNameLength else {
            throw DomainError.invalid("Give the key a name of at most \(Self.maximumNameLength) characters.")
        }
        guard new.creatorRole.isAtLeast(new.role) else {
            throw DomainError.invalid("A key cannot have a higher role than yours (\(new.creatorRole.label)).")
        }
        if let expiresAt = new.expiresAt, expiresAt <= now { throw DomainError.invalid("The expiry must be in the future.") }
        let secret = APIKey.secretPrefix + SecureToken.generate(byteCount: 32)
        let key = try await database.writer.write { db in
            try db.insertReturning(APIKey.self, [
                "organizationId": new.organizationId, "userId": new.userId, "name": name,
                "prefix": String(secret.prefix(APIKey.visiblePrefixLength)), "secretHash": SecureToken.sha256Hex(secret),
                "role": new.role.rawValue, "readOnly": new.readOnly, "expiresAt": new.expiresAt, "createdAt": now,
            ])
        }
        return CreatedAPIKey(key: key, secret: secret)
    }

    /// Admins see every key of the organisation; others only their own (`userId`).
    func list(organizationId: Int64, onlyUserId: Int64?) async throws -> [Listed] {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT apiKey.*, user.displayName AS creatorName FROM apiKey LEFT JOIN user ON user.id = apiKey.userId
                    WHERE apiKey.organizationId = ? AND (? IS NULL OR apiKey.userId = ?)
                    ORDER BY apiKey.revokedAt IS NOT NULL, apiKey.id DESC
                    """,
                arguments: [organizationId, onlyUserId, onlyUserId]
            )
            return try rows.map { Listed(key: try APIKey(row: $0), creatorName: $0["creatorName"]) }
        }
    }

    func find(organizationId: Int64, id: Int64) async throws -> APIKey? {
        try await database.read { db in
            try APIKey.fetchOne(db, sql: "SELECT * FROM apiKey WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
        }
    }

    /// Revoking is immediate: the lookup below reads the row on every request.
    @discardableResult
    func revoke(organizationId: Int64, id: Int64, by userId: Int64, now: Date = Date()) async throws -> APIKey {
        try await database.writer.write { db in
            guard var key = try APIKey.fetchOne(
                db, sql: "SELECT * FROM apiKey WHERE id = ? AND organizationId = ?", arguments: [id, organizationId]
            ) else { throw DomainError.notFound }
            guard key.revokedAt == nil else { return key }
            try db.execute(
                sql: "UPDATE apiKey SET revokedAt = ?, revokedByUserId = ? WHERE id = ? AND organizationId = ?",
                arguments: [now, userId, id, organizationId]
            )
            key.revokedAt = now
            key.revokedByUserId = userId
            return key
        }
    }

    // MARK: - Authentication

    /// Why a presented secret does not authenticate, in words an API client can act on.
    enum Refusal: Error, Equatable {
        case unknown, revoked, expired, ownerGone
    }

    /// A key that authenticated, with what it may do now.
    struct Principal: Sendable {
        var key: APIKey
        var organization: Organization
        /// The key's role capped at its creator's current role.
        var role: Role
    }

    /// One indexed read per request (no cache, so revoking and role changes apply at once).
    func authenticate(secret: String, now: Date = Date()) async throws -> Principal {
        guard secret.hasPrefix(APIKey.secretPrefix), secret.count < 200 else { throw Refusal.unknown }
        let hash = SecureToken.sha256Hex(secret)
        let found: (APIKey, Organization, Role?)? = try await database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT apiKey.*, membership.role AS memberRole,
                      organization.slug AS orgSlug, organization.name AS orgName, organization.createdAt AS orgCreatedAt
                    FROM apiKey JOIN organization ON organization.id = apiKey.organizationId
                    LEFT JOIN membership ON membership.organizationId = apiKey.organizationId AND membership.userId = apiKey.userId
                    WHERE apiKey.secretHash = ?
                    """
            )
            guard let row = try Row.fetchOne(statement, arguments: [hash]) else { return nil }
            let key = try APIKey(row: row)
            let organization = Organization(id: key.organizationId, slug: row["orgSlug"], name: row["orgName"], createdAt: row["orgCreatedAt"])
            let memberRole: String? = row["memberRole"]
            return (key, organization, memberRole.flatMap(Role.init(rawValue:)))
        }
        guard let (key, organization, memberRole) = found else { throw Refusal.unknown }
        if key.isRevoked { throw Refusal.revoked }
        if key.isExpired(at: now) { throw Refusal.expired }
        guard let memberRole else { throw Refusal.ownerGone }
        return Principal(key: key, organization: organization, role: memberRole.isAtLeast(key.role) ? key.role : memberRole)
    }

    /// Records the last use (`APIRateLimiter.shouldRecordUse` keeps it to once a minute per key).
    func recordUse(_ key: APIKey, address: String?, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE apiKey SET lastUsedAt = ?, lastUsedAddress = ? WHERE id = ?", arguments: [now, address.map { String($0.prefix(100)) }, key.id]
            )
        }
    }
}
