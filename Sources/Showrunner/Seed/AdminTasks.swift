import Foundation
import GRDB

/// Administrative operations behind the `showrunner user …` commands.
public enum AdminTasks {
    public struct CreatedAdmin: Sendable {
        public let user: User
        public let organization: Organization
        public let createdOrganization: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case invalidEmail(String)
        case invalidPassword(String)
        case invalidOrganization(String)
        case emailTaken(String)
        case noSuchUser(String)

        public var description: String {
            switch self {
            case .invalidEmail(let problem): "Email: \(problem)"
            case .invalidPassword(let problem): "Password: \(problem)"
            case .invalidOrganization(let problem): "Organisation: \(problem)"
            case .emailTaken(let email): "A user with email \(email) already exists."
            case .noSuchUser(let email): "There is no user with email \(email)."
            }
        }
    }

    /// Creates a user who owns `organization` (an existing slug, or the name of a new organisation).
    public static func createAdmin(
        database: AppDatabase, email: String, displayName: String?, password: String, organization: String, bcryptCost: UInt8
    ) async throws -> CreatedAdmin {
        if let problem = AccountValidation.emailProblem(email) { throw Failure.invalidEmail(problem) }
        if let problem = PasswordPolicy.problem(with: password, email: email) { throw Failure.invalidPassword(problem) }
        if let problem = AccountValidation.organizationNameProblem(organization) { throw Failure.invalidOrganization(problem) }
        let hash = try await PasswordHasher(cost: bcryptCost).hash(password)
        let name = displayName ?? String(email.split(separator: "@").first ?? "Admin")
        let now = Date()
        do {
            return try await database.writer.write { db in
                var user = try UserRepository(database: database).create(email: email, displayName: name, passwordHash: hash, in: db, now: now)
                let userId = user.id
                let org: Organization
                let created: Bool
                if let existing = try Organization.fetchOne(db, sql: "SELECT * FROM organization WHERE slug = ?", arguments: [organization]) {
                    try Membership.insert(organizationId: existing.id, userId: userId, role: .owner, now: now, in: db)
                    org = existing
                    created = false
                } else {
                    org = try OrganizationRepository.insertOrganization(name: organization, ownerId: userId, in: db, now: now)
                    created = true
                }
                user.lastOrganizationId = org.id
                try user.update(db)
                return CreatedAdmin(user: user, organization: org, createdOrganization: created)
            }
        } catch AccountError.emailTaken {
            throw Failure.emailTaken(email)
        }
    }

    /// Sets a new password (checked against the policy) and ends all of the user's sessions.
    public static func setPassword(database: AppDatabase, email: String, password: String, bcryptCost: UInt8) async throws {
        if let problem = PasswordPolicy.problem(with: password, email: email) { throw Failure.invalidPassword(problem) }
        let users = UserRepository(database: database)
        guard let user = try await users.find(email: email) else { throw Failure.noSuchUser(email) }
        let userId = user.id
        let hash = try await PasswordHasher(cost: bcryptCost).hash(password)
        try await users.changePassword(userId: userId, newHash: hash)
    }

    /// Number of user accounts, for the first-run hint `serve` prints.
    public static func userCount(database: AppDatabase) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0 }
    }
}
