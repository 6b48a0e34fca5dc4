import Foundation
import GRDB

/// Users and sign-up. A sign-up creates the user, an organisation and the owner membership
/// in one transaction.
public struct UserRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func find(id: Int64) async throws -> User? {
        try await database.read { db in try User.fetchOne(db, key: id) }
    }

    public func find(email: String) async throws -> User? {
        let email = User.normalizedEmail(email)
        return try await database.read { db in
            try User.fetchOne(db, sql: "SELECT * FROM user WHERE email = ?", arguments: [email])
        }
    }

    /// Creates a user. Throws `AccountError.emailTaken` when the address is in use.
    func create(email: String, displayName: String, passwordHash: String, in db: Database, now: Date) throws -> User {
        do {
            return try db.insertReturning(User.self, [
                "email": User.normalizedEmail(email), "displayName": displayName, "passwordHash": passwordHash,
                "createdAt": now, "passwordChangedAt": now,
            ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw AccountError.emailTaken
        }
    }

    /// Sign-up: a new user who owns a new organisation.
    public func signUp(email: String, displayName: String, passwordHash: String, organizationName: String) async throws -> (User, Organization) {
        let now = Date()
        return try await database.writer.write { db in
            var user = try create(email: email, displayName: displayName, passwordHash: passwordHash, in: db, now: now)
            let organization = try OrganizationRepository.insertOrganization(name: organizationName, ownerId: user.id, in: db, now: now)
            user.lastOrganizationId = organization.id
            try user.update(db)
            return (user, organization)
        }
    }

    /// Sets a new password and ends every other session of this user.
    public func changePassword(userId: Int64, newHash: String) async throws {
        let now = Date()
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET passwordHash = ?, passwordChangedAt = ? WHERE id = ?",
                arguments: [newHash, now, userId]
            )
            try db.execute(sql: "DELETE FROM session WHERE userId = ?", arguments: [userId])
        }
    }

    public func setLastOrganization(userId: Int64, organizationId: Int64) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE user SET lastOrganizationId = ? WHERE id = ?", arguments: [organizationId, userId])
        }
    }
}

/// Account problems the user can act on.
public enum AccountError: Error, Equatable {
    case emailTaken
}
