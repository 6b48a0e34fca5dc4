/// Who acted: a signed-in member, an API key acting for one, or the shell. Copied into each
/// entry, so the log still reads after the user or key is gone.
struct AuditActor: Sendable, Equatable {
    var userId: Int64?
    var apiKeyId: Int64?
    var label: String
    var address: String?

    static func user(_ user: User, address: String?) -> AuditActor {
        AuditActor(userId: user.id, apiKeyId: nil, label: "\(user.displayName) <\(user.email)>", address: address)
    }

    static func apiKey(_ key: APIKey, address: String?) -> AuditActor {
        AuditActor(userId: key.userId, apiKeyId: key.id, label: "API key “\(key.name)” (\(key.maskedSecret))", address: address)
    }

    static let shell = AuditActor(userId: nil, apiKeyId: nil, label: "the showrunner command", address: nil)
}

import HTTPTypes
import Hummingbird

extension OrganizationContext {
    /// This member, from the request's client address (`X-Forwarded-For` only when trusted).
    func auditActor(_ request: Request, trustForwardedFor: Bool) -> AuditActor {
        .user(user, address: ClientAddress.of(remote: remoteAddress, headers: request.headers, trustForwardedFor: trustForwardedFor))
    }
}

extension APIContext {
    func auditActor(_ request: Request, trustForwardedFor: Bool) -> AuditActor {
        .apiKey(key, address: ClientAddress.of(remote: remoteAddress, headers: request.headers, trustForwardedFor: trustForwardedFor))
    }
}
