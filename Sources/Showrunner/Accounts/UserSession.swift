import Foundation

/// What a login session stores: who is logged in and since when.
public struct UserSession: Codable, Sendable, Equatable {
    public var userId: Int64
    public var authenticatedAt: Date
    /// The user's row, read with the session in one query by `SessionStore` (never stored:
    /// not in `CodingKeys`), so authenticating a request costs one database read, not two.
    var loadedUser: User?
    /// The user's access to the organisation the page asks for, read in the same query
    /// (never stored either): `OrganizationMiddleware` trusts it when the slug matches.
    var loadedOrganization: LoadedOrganization?

    public init(userId: Int64, authenticatedAt: Date) {
        self.userId = userId
        self.authenticatedAt = authenticatedAt
        self.loadedUser = nil
        self.loadedOrganization = nil
    }

    private enum CodingKeys: String, CodingKey {
        case userId, authenticatedAt
    }

    /// The membership lookup done with the session: `access` is nil when user `userId` is no
    /// member of an organisation with that slug (or there is none).
    struct LoadedOrganization: Sendable, Equatable {
        let slug: String
        let userId: Int64
        let access: OrganizationAccess?
    }

    /// The user this session belongs to, unless a password change since the login ended it.
    func validUser(_ user: User) -> User? {
        authenticatedAt >= user.passwordChangedAt.addingTimeInterval(-1) ? user : nil
    }
}
