import Foundation
import GRDB

/// One-time invite links. The token is returned once at creation; only its hash is stored.
public struct InvitationRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A pending invitation as the members page lists it.
    public struct PendingRow: Sendable, Equatable, FetchableRecord, Decodable {
        public var id: Int64
        public var email: String?
        public var role: Role
        public var createdAt: Date
        public var expiresAt: Date
        public var createdBy: String?
    }

    /// An invitation looked up by its token, with the organisation's name for the accept page.
    public struct Lookup: Sendable {
        public let invitation: Invitation
        public let organization: Organization
    }

    /// Creates an invitation and returns it with the raw token for the link.
    public func create(organizationId: Int64, role: Role, email: String?, createdBy: Int64, lifetime: Duration) async throws -> (Invitation, token: String) {
        let token = SecureToken.generate()
        let now = Date()
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        let invitation = try await database.writer.write { db in
            try db.insertReturning(Invitation.self, [
                "organizationId": organizationId, "tokenHash": SecureToken.sha256Hex(token),
                "email": email.map(User.normalizedEmail), "role": role.rawValue, "createdByUserId": createdBy,
                "createdAt": now, "expiresAt": expiresAt,
            ])
        }
        return (invitation, token)
    }

    public func pending(organizationId: Int64, now: Date = Date()) async throws -> [PendingRow] {
        try await database.read { db in
            try PendingRow.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.email, i.role, i.createdAt, i.expiresAt, u.displayName AS createdBy
                    FROM invitation i LEFT JOIN user u ON u.id = i.createdByUserId
                    WHERE i.organizationId = ? AND i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > ?
                    ORDER BY i.createdAt DESC
                    LIMIT 200
                    """,
                arguments: [organizationId, now]
            )
        }
    }

    public func find(token: String) async throws -> Lookup? {
        let hash = SecureToken.sha256Hex(token)
        return try await database.read { db in
            guard let invitation = try Invitation.fetchOne(db, sql: "SELECT * FROM invitation WHERE tokenHash = ?", arguments: [hash]),
                let organization = try Organization.fetchOne(db, key: invitation.organizationId)
            else { return nil }
            return Lookup(invitation: invitation, organization: organization)
        }
    }

    /// Accepts the invitation for an existing user: adds the membership and marks the link used, once.
    public func accept(token: String, user: User, now: Date = Date()) async throws -> Organization {
        try await database.writer.write { db in
            let userId = user.id
            return try Self.accept(tokenHash: SecureToken.sha256Hex(token), userId: userId, email: user.email, in: db, now: now)
        }
    }

    /// Creates the account and accepts the invitation in one transaction: both happen or neither.
    public func acceptAsNewUser(token: String, email: String, displayName: String, passwordHash: String, now: Date = Date()) async throws -> (User, Organization) {
        try await database.writer.write { db in
            let hash = SecureToken.sha256Hex(token)
            // Check the link first so a dead link does not leave a stray account behind.
            guard let invitation = try Invitation.fetchOne(db, sql: "SELECT * FROM invitation WHERE tokenHash = ?", arguments: [hash]) else {
                throw InvitationError.unknown
            }
            try Self.checkUsable(invitation, email: email, now: now)
            let user = try UserRepository(database: database).create(
                email: email, displayName: displayName, passwordHash: passwordHash, in: db, now: now
            )
            let userId = user.id
            let organization = try Self.accept(tokenHash: hash, userId: userId, email: user.email, in: db, now: now)
            return (user, organization)
        }
    }

    static func checkUsable(_ invitation: Invitation, email: String, now: Date) throws {
        switch invitation.state(at: now) {
        case .pending: break
        case .accepted: throw InvitationError.used
        case .revoked: throw InvitationError.revoked
        case .expired: throw InvitationError.expired
        }
        if let invited = invitation.email, invited != User.normalizedEmail(email) {
            throw InvitationError.otherEmail
        }
    }

    private static func accept(tokenHash: String, userId: Int64, email: String, in db: Database, now: Date) throws -> Organization {
        guard var invitation = try Invitation.fetchOne(db, sql: "SELECT * FROM invitation WHERE tokenHash = ?", arguments: [tokenHash]),
            let organization = try Organization.fetchOne(db, key: invitation.organizationId)
        else { throw InvitationError.unknown }
        try checkUsable(invitation, email: email, now: now)
        let alreadyMember = try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM membership WHERE organizationId = ? AND userId = ?)",
            arguments: [invitation.organizationId, userId]
        ) ?? false
        if alreadyMember { throw MembershipError.alreadyMember }
        try Membership.insert(organizationId: invitation.organizationId, userId: userId, role: invitation.role, now: now, in: db)
        invitation.acceptedAt = now
        invitation.acceptedByUserId = userId
        try invitation.update(db)
        try db.execute(sql: "UPDATE user SET lastOrganizationId = ? WHERE id = ?", arguments: [invitation.organizationId, userId])
        return organization
    }

    /// Revokes a pending invitation of this organisation; another organisation's id is "not found".
    public func revoke(organizationId: Int64, invitationId: Int64, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE invitation SET revokedAt = ? WHERE id = ? AND organizationId = ? AND acceptedAt IS NULL AND revokedAt IS NULL",
                arguments: [now, invitationId, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }
}

public enum InvitationError: Error, Equatable {
    case unknown, used, revoked, expired, otherEmail

    var userMessage: String {
        switch self {
        case .unknown: "This invite link is not valid. Check that you copied all of it."
        case .used: "This invite link has already been used. Ask an admin for a new one."
        case .revoked: "This invite link was withdrawn. Ask an admin for a new one."
        case .expired: "This invite link has expired. Ask an admin for a new one."
        case .otherEmail: "This invitation was sent to a different email address. Log in with that address, or ask for a new link."
        }
    }
}
