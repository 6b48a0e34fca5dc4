import GRDB
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The per-request context of every route.
///
/// Middleware fills it in as a request passes: the session and its user, the CSRF token for
/// forms, the flash message, and for `/o/:org` routes the organisation and the user's role.
public struct AppRequestContext: AuthRequestContext, SessionRequestContext, RemoteAddressRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: User?
    public let sessions: SessionContext<UserSession>
    public let remoteAddress: SocketAddress?
    /// The token every form echoes in its hidden `_csrf` field.
    public var csrfToken: String = ""
    public var flash: Flash?
    /// Set by `OrganizationMiddleware` once membership is checked.
    public var organizationAccess: OrganizationAccess?
    /// Set by `APIKeyMiddleware` on API and gateway routes.
    var apiPrincipal: APIKeyRepository.Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessions = .init()
        self.remoteAddress = source.channel.remoteAddress
    }
}

/// An organisation together with the current user's membership in it.
public struct OrganizationAccess: Sendable, Equatable {
    public let organization: Organization
    public let membership: Membership
    /// The organisation's page generation (migration 0018), read with it: `PageCache` serves a
    /// kept page only while it stands still.
    public let pageGeneration: Int64

    public var organizationId: Int64 { membership.organizationId }
    public var role: Role { membership.role }

    /// The columns `init(row:startingAt:userId:)` reads, from `organization o`, `membership m`
    /// and `pageGeneration g` (`generationJoin`).
    static let columns = "o.id, o.slug, o.name, o.createdAt, m.id, m.role, m.createdAt, COALESCE(g.generation, 0)"
    /// The join `columns` reads `g` from, after `organization o`.
    static let generationJoin = "LEFT JOIN pageGeneration g ON g.organizationId = o.id"

    /// Reads `columns` from `row` at `first`; nil when the organisation or membership is missing
    /// (a LEFT JOIN found none).
    init?(row: Row, startingAt first: Int, userId: Int64) throws {
        guard let organizationId: Int64 = row[first], let membershipId: Int64 = row[first + 4] else { return nil }
        organization = Organization(
            id: organizationId, slug: try row.decode(atIndex: first + 1), name: try row.decode(atIndex: first + 2),
            createdAt: try row.storedDate(atIndex: first + 3))
        membership = Membership(
            id: membershipId, organizationId: organizationId, userId: userId, role: try row.decode(atIndex: first + 5),
            createdAt: try row.storedDate(atIndex: first + 6))
        pageGeneration = try row.decode(atIndex: first + 7)
    }
}
