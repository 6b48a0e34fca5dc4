import Hummingbird

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
        guard let slug = context.parameters.get("org"),
            let access = try await organizations.access(slug: slug, userId: user.id)
        else { throw HTTPError(.notFound) }
        var context = context
        context.organizationAccess = access
        // "Switching" organisations is just opening one; remember it for the next login.
        if user.lastOrganizationId != access.organizationId {
            try await users.setLastOrganization(userId: user.id, organizationId: access.organizationId)
        }
        return try await next(request, context)
    }
}
