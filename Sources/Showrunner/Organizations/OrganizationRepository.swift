import Foundation
import GRDB

/// Organisations and their members. Every query is scoped by organisation id.
public struct OrganizationRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A row of "my organisations".
    public struct MembershipSummary: Sendable, Equatable, FetchableRecord, Decodable {
        public var organizationId: Int64
        public var slug: String
        public var name: String
        public var role: Role
        public var memberCount: Int
    }

    /// A row of an organisation's member list.
    public struct MemberRow: Sendable, Equatable, FetchableRecord, Decodable {
        public var membershipId: Int64
        public var userId: Int64
        public var email: String
        public var displayName: String
        public var role: Role
        public var createdAt: Date
    }

    /// The organisation `slug` if `userId` is a member of it; nil otherwise (the caller answers 404
    /// either way, so outsiders cannot tell a missing organisation from someone else's).
    public func access(slug: String, userId: Int64) async throws -> OrganizationAccess? {
        try await database.read { db in
            // OrganizationMiddleware runs this when the session read did not bring the membership.
            let statement = try db.cachedStatement(sql: """
                SELECT \(OrganizationAccess.columns)
                FROM organization o JOIN membership m ON m.organizationId = o.id \(OrganizationAccess.generationJoin)
                WHERE o.slug = ? AND m.userId = ?
                """)
            guard let row = try Row.fetchOne(statement, arguments: [slug, userId]) else { return nil }
            return try OrganizationAccess(row: row, startingAt: 0, userId: userId)
        }
    }

    func exists(slug: String) async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE slug = ?)", arguments: [slug]) ?? false
        }
    }

    public func memberships(userId: Int64) async throws -> [MembershipSummary] {
        try await database.read { db in
            try MembershipSummary.fetchAll(
                db,
                sql: """
                    SELECT o.id AS organizationId, o.slug, o.name, m.role,
                           (SELECT COUNT(*) FROM membership c WHERE c.organizationId = o.id) AS memberCount
                    FROM membership m JOIN organization o ON o.id = m.organizationId
                    WHERE m.userId = ?
                    ORDER BY o.name COLLATE NOCASE
                    """,
                arguments: [userId]
            )
        }
    }

    public func createOrganization(name: String, ownerId: Int64) async throws -> Organization {
        let now = Date()
        return try await database.writer.write { db in
            try Self.insertOrganization(name: name, ownerId: ownerId, in: db, now: now)
        }
    }

    /// Inserts an organisation with a unique slug and makes `ownerId` its owner.
    static func insertOrganization(name: String, ownerId: Int64, in db: Database, now: Date) throws -> Organization {
        let base = Organization.slugBase(from: name)
        var slug = base
        var attempt = 1
        while try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE slug = ?)", arguments: [slug]) == true {
            attempt += 1
            slug = attempt < 20 ? "\(base)-\(attempt)" : "\(base)-\(SecureToken.generate(byteCount: 4).lowercased())"
        }
        let organization = try db.insertReturning(Organization.self, ["slug": slug, "name": name, "createdAt": now])
        try Membership.insert(organizationId: organization.id, userId: ownerId, role: .owner, now: now, in: db)
        return organization
    }

    public func members(organizationId: Int64) async throws -> [MemberRow] {
        try await database.read { db in
            try MemberRow.fetchAll(
                db,
                sql: """
                    SELECT m.id AS membershipId, u.id AS userId, u.email, u.displayName, m.role, m.createdAt
                    FROM membership m JOIN user u ON u.id = m.userId
                    WHERE m.organizationId = ?
                    ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'manager' THEN 2
                             WHEN 'member' THEN 3 ELSE 4 END, u.displayName COLLATE NOCASE
                    """,
                arguments: [organizationId]
            )
        }
    }

    /// Changes a member's role, enforcing who may do what:
    /// only owners grant or take away ownership, and an organisation always keeps an owner.
    public func changeRole(organizationId: Int64, membershipId: Int64, to newRole: Role, by actor: Role) async throws {
        try await database.writer.write { db in
            guard var target = try Self.membership(id: membershipId, organizationId: organizationId, in: db) else {
                throw DomainError.notFound
            }
            try Self.checkActor(actor, mayManage: target.role, assigning: newRole)
            if target.role == .owner, newRole != .owner, try Self.ownerCount(organizationId, in: db) <= 1 {
                throw MembershipError.lastOwner
            }
            target.role = newRole
            try target.update(db)
        }
    }

    /// Removes a member, or lets a member leave (`isSelf`); the last owner can do neither.
    public func removeMember(organizationId: Int64, membershipId: Int64, by actor: Role, isSelf: Bool = false) async throws {
        try await database.writer.write { db in
            guard let target = try Self.membership(id: membershipId, organizationId: organizationId, in: db) else {
                throw DomainError.notFound
            }
            if !isSelf { try Self.checkActor(actor, mayManage: target.role, assigning: nil) }
            if target.role == .owner, try Self.ownerCount(organizationId, in: db) <= 1 {
                throw MembershipError.lastOwner
            }
            _ = try target.delete(db)
        }
    }

    static func membership(id: Int64, organizationId: Int64, in db: Database) throws -> Membership? {
        try Membership.fetchOne(
            db, sql: "SELECT * FROM membership WHERE id = ? AND organizationId = ?", arguments: [id, organizationId]
        )
    }

    static func ownerCount(_ organizationId: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM membership WHERE organizationId = ? AND role = 'owner'", arguments: [organizationId]
        ) ?? 0
    }

    static func checkActor(_ actor: Role, mayManage target: Role, assigning newRole: Role?) throws {
        guard actor.canManageMembers else { throw MembershipError.notAllowed }
        if target == .owner, actor != .owner { throw MembershipError.onlyOwnersManageOwners }
        if let newRole, !actor.assignableRoles.contains(newRole) { throw MembershipError.onlyOwnersManageOwners }
    }
}

/// Why a membership change was refused, in words for the members page.
public enum MembershipError: Error, Equatable {
    case notAllowed
    case onlyOwnersManageOwners
    case lastOwner
    case alreadyMember

    var userMessage: String {
        switch self {
        case .notAllowed: "Only admins and owners can manage members."
        case .onlyOwnersManageOwners: "Only an owner can make someone an owner or change an owner's role."
        case .lastOwner: "An organisation needs at least one owner. Make someone else an owner first."
        case .alreadyMember: "You are already a member of this organisation."
        }
    }
}
