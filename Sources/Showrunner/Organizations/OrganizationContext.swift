import Hummingbird
import NIOCore

/// The context of routes under `/o/:org`: the user is logged in and a member of the
/// organisation, so handlers get non-optional values and never forget the check.
public struct OrganizationContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let user: User
    public let userId: Int64
    public let access: OrganizationAccess
    public let csrfToken: String
    public let flash: Flash?
    public let remoteAddress: SocketAddress?

    public init(context: AppRequestContext) throws {
        guard let user = context.identity, let access = context.organizationAccess else {
            // OrganizationMiddleware runs first; reaching here means a route was wired without it.
            throw HTTPError(.notFound)
        }
        self.coreContext = context.coreContext
        self.user = user
        self.userId = user.id
        self.access = access
        self.csrfToken = context.csrfToken
        self.flash = context.flash
        self.remoteAddress = context.remoteAddress
    }

    public var organization: Organization { access.organization }
    public var organizationId: Int64 { access.organizationId }
    public var role: Role { access.role }
    public var slug: String { access.organization.slug }

    /// Throws 403 unless the user's role is at least `minimum`.
    public func require(_ minimum: Role) throws {
        guard role.isAtLeast(minimum) else {
            throw HTTPError(.forbidden, message: "Your role (\(role.label)) does not allow this. Ask an admin of \(organization.name).")
        }
    }
}
