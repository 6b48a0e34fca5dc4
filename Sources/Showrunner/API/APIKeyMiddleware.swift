import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Authenticates `/api/v1` and gateway requests by `Authorization: Bearer shr_…` alone (a
/// session cookie is ignored, so a browser page cannot call the API with the user's session),
/// enforces read-only keys and the per-key rate limit, and records the key's last use.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: APIKeyRepository
    let limiter: APIRateLimiter
    let trustForwardedFor: Bool
    /// How refusals are written: the API's JSON errors, or the gateway's upstream envelope.
    var refuse: @Sendable (APIError) -> any Error = { $0 }
    /// memories.ai's clients send the bare key (`Authorization: <key>`); the gateway takes that too.
    var acceptsBareKey = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = request.headers[.authorization]
        guard let secret = Self.bearer(header) ?? (acceptsBareKey ? Self.bare(header) : nil) else {
            throw refuse(.unauthorized("Send a Showrunner API key: Authorization: Bearer shr_…. Create one under API keys.", code: "missing_key"))
        }
        let principal: APIKeyRepository.Principal
        do {
            principal = try await keys.authenticate(secret: secret)
        } catch let refusal as APIKeyRepository.Refusal {
            throw refuse(Self.error(for: refusal))
        }
        if principal.key.readOnly, request.method != .get, request.method != .head {
            throw refuse(.forbidden("This key is read only.", code: "read_only_key"))
        }
        let decision = limiter.take(keyId: principal.key.id)
        guard decision.allowed else {
            var error = APIError(
                status: .tooManyRequests, code: "rate_limited",
                message: "Too many requests for this key (\(limiter.limit) a minute). Retry after \(decision.retryAfter) s."
            )
            error.headers[.retryAfter] = String(decision.retryAfter)
            throw refuse(error)
        }
        if limiter.shouldRecordUse(keyId: principal.key.id) {
            let address = ClientAddress.of(request, context: context, trustForwardedFor: trustForwardedFor)
            try await keys.recordUse(principal.key, address: address)
        }
        var context = context
        context.apiPrincipal = principal
        context.logger[metadataKey: "apiKey"] = "\(principal.key.id)"
        var response = try await next(request, context)
        if limiter.limit > 0 {
            response.headers[.xRateLimitLimit] = String(limiter.limit)
            response.headers[.xRateLimitRemaining] = String(decision.remaining)
        }
        return response
    }

    /// The secret of `Bearer <secret>` (the scheme is case-insensitive); nil otherwise.
    static func bearer(_ header: String?) -> String? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let secret = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }

    static func bare(_ header: String?) -> String? {
        guard let header, header.hasPrefix(APIKey.secretPrefix) else { return nil }
        return header.trimmingCharacters(in: .whitespaces)
    }

    static func error(for refusal: APIKeyRepository.Refusal) -> APIError {
        switch refusal {
        case .unknown: .unauthorized("This API key is not valid.", code: "invalid_key")
        case .revoked: .unauthorized("This API key was revoked.", code: "key_revoked")
        case .expired: .unauthorized("This API key has expired.", code: "key_expired")
        case .ownerGone: .unauthorized("The member this key acts as is no longer in the organisation.", code: "key_owner_gone")
        }
    }
}
