import Foundation
import Logging

/// `showrunner apikey create`: a key for a member of an organisation, from the shell (for
/// scripts and external checks). The secret is returned once, as on the page.
public enum APIKeyAdmin {
    public struct Created: Sendable {
        public let secret: String
        public let name: String
        public let role: String
        public let readOnly: Bool
        public let expiresAt: Date?
        public let organizationSlug: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case noSuchOrganization(String)
        case noSuchUser(String)
        case notAMember(email: String, org: String)
        case invalidRole(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .noSuchOrganization(let slug): "There is no organisation with slug \(slug)."
            case .noSuchUser(let email): "There is no user with email \(email)."
            case .notAMember(let email, let org): "\(email) is not a member of \(org)."
            case .invalidRole(let role): "Unknown role '\(role)': use owner, admin, manager, member or viewer."
            case .invalid(let message): message
            }
        }
    }

    /// `role` defaults to the member's own role; it may not exceed it.
    public static func create(
        database: AppDatabase, organizationSlug: String, email: String, name: String, role: String?, readOnly: Bool, expiresInDays: Int?
    ) async throws -> Created {
        guard let user = try await UserRepository(database: database).find(email: email) else { throw Failure.noSuchUser(email) }
        guard try await OrganizationRepository(database: database).exists(slug: organizationSlug) else {
            throw Failure.noSuchOrganization(organizationSlug)
        }
        guard let access = try await OrganizationRepository(database: database).access(slug: organizationSlug, userId: user.id) else {
            throw Failure.notAMember(email: email, org: organizationSlug)
        }
        let chosen: Role
        if let role {
            guard let parsed = Role(rawValue: role.lowercased()) else { throw Failure.invalidRole(role) }
            chosen = parsed
        } else {
            chosen = access.role
        }
        if let days = expiresInDays, !(1...3650).contains(days) { throw Failure.invalid("--expires-days must be between 1 and 3650.") }
        do {
            let created = try await APIKeyRepository(database: database).create(
                .init(
                    organizationId: access.organizationId, userId: user.id, creatorRole: access.role, name: name, role: chosen,
                    readOnly: readOnly, expiresAt: expiresInDays.map { Date().addingTimeInterval(Double($0) * 86_400) }
                )
            )
            await AuditLog(database: database, logger: Logger(label: "showrunner.audit")).record(
                .apiKeyCreated, organizationId: access.organizationId, actor: .shell, target: ("api_key", String(created.key.id)),
                summary: "Created API key “\(created.key.name)” (\(created.key.maskedSecret)) for \(email), role \(chosen.rawValue)."
            )
            return Created(
                secret: created.secret, name: created.key.name, role: created.key.role.rawValue, readOnly: readOnly,
                expiresAt: created.key.expiresAt, organizationSlug: organizationSlug
            )
        } catch DomainError.invalid(let message) {
            throw Failure.invalid(message)
        }
    }
}
