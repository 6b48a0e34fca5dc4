import Hummingbird
import HummingbirdAuth

/// Loads the organisation named by `:org` and the user's membership in it.
///
/// Not a member, or no such organisation: 404 either way, so ids and slugs of other tenants
/// reveal nothing.
struct OrganizationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let organizations: OrganizationRepository
    let users: UserRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        guard let slug = context.parameters.get("org"), let access = try await access(slug: slug, user: user, context: context)
        else { throw HTTPError(.notFound) }
        var context = context
        context.organizationAccess = access
        // "Switching" organisations is just opening one; remember it for the next login.
        if user.lastOrganizationId != access.organizationId {
            try await users.setLastOrganization(userId: user.id, organizationId: access.organizationId)
        }
        return try await next(request, context)
    }

    /// The membership `SessionStore` read with the session when it was for this slug and
    /// user (one database read per page instead of two), else a lookup of its own.
    private func access(slug: String, user: User, context: Context) async throws -> OrganizationAccess? {
        if let loaded = context.sessions.session?.loadedOrganization, loaded.slug == slug, loaded.userId == user.id {
            return loaded.access
        }
        return try await organizations.access(slug: slug, userId: user.id)
    }
}
