import Hummingbird
import Logging
import NIOCore

/// The context of `/api/v1` routes: a Showrunner API key authenticated (by `APIKeyMiddleware`),
/// so handlers get its organisation and effective role as plain values.
struct APIContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let principal: APIKeyRepository.Principal
    let remoteAddress: SocketAddress?

    init(context: AppRequestContext) throws {
        guard let principal = context.apiPrincipal else {
            // APIKeyMiddleware runs first; reaching here means a route was wired without it.
            throw APIError.unauthorized("Send an API key: Authorization: Bearer shr_….", code: "missing_key")
        }
        self.coreContext = context.coreContext
        self.principal = principal
        self.remoteAddress = context.remoteAddress
    }

    var organizationId: Int64 { principal.organization.id }
    var organization: Organization { principal.organization }
    var role: Role { principal.role }
    var key: APIKey { principal.key }
    /// The member the key acts as (a key without one never authenticates).
    var userId: Int64 { principal.key.userId ?? 0 }

    /// Refuses with 403 unless the key's effective role is at least `minimum`.
    func require(_ minimum: Role) throws {
        guard role.isAtLeast(minimum) else {
            throw APIError.forbidden(
                "This key acts with the role \(role.rawValue), which does not allow this (needs \(minimum.rawValue) or above).",
                code: "insufficient_role"
            )
        }
    }
}
