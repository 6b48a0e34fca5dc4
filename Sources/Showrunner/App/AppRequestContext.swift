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

    public var organizationId: Int64 { membership.organizationId }
    public var role: Role { membership.role }
}
