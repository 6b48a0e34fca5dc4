import Hummingbird

/// Every page's path in one place: routes are registered from the same patterns that
/// view models use to build links, so the two cannot drift apart.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case signup
    case changePassword
    case organizations
    case newOrganization
    case switchOrganization(slug: String)
    case dashboard(org: String)
    case members(org: String)
    case memberRole(org: String, membershipId: Int64)
    case memberRemove(org: String, membershipId: Int64)
    case invitations(org: String)
    case invitationRevoke(org: String, invitationId: Int64)
    case invitation(token: String)
    case health
    case stylesheet

    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .signup: "/signup"
        case .changePassword: "/account/password"
        case .organizations: "/orgs"
        case .newOrganization: "/orgs/new"
        case .switchOrganization(let slug): "/orgs/\(slug)/switch"
        case .dashboard(let org): "/o/\(org)"
        case .members(let org): "/o/\(org)/members"
        case .memberRole(let org, let id): "/o/\(org)/members/\(id)/role"
        case .memberRemove(let org, let id): "/o/\(org)/members/\(id)/remove"
        case .invitations(let org): "/o/\(org)/invitations"
        case .invitationRevoke(let org, let id): "/o/\(org)/invitations/\(id)/revoke"
        case .invitation(let token): "/invite/\(token)"
        case .health: "/healthz"
        case .stylesheet: "/static/css/app.css"
        }
    }

    /// The path as a route pattern, for pages whose path has no parameters.
    var route: RouterPath { RouterPath(path) }

    /// Route patterns, relative to the organisation group `/o/:org`.
    enum OrgRoute {
        static let dashboard: RouterPath = ""
        static let members: RouterPath = "members"
        static let memberRole: RouterPath = "members/:membership/role"
        static let memberRemove: RouterPath = "members/:membership/remove"
        static let invitations: RouterPath = "invitations"
        static let invitationRevoke: RouterPath = "invitations/:invitation/revoke"
    }
}
