import HTTPTypes

extension HTTPField.Name {
    /// Header names HTTPTypes does not predefine. Each literal is a valid field name, so the
    /// fallback is never taken; it only keeps a force unwrap out of the server.
    static let xCSRFToken = named("X-CSRF-Token")
    static let xForwardedFor = named("X-Forwarded-For")
    static let referrerPolicy = named("Referrer-Policy")
    static let xFrameOptions = named("X-Frame-Options")
    static let lastEventID = named("Last-Event-ID")
    static let xRateLimitLimit = named("X-RateLimit-Limit")
    static let xRateLimitRemaining = named("X-RateLimit-Remaining")
    static let idempotencyKey = named("Idempotency-Key")
    static let idempotentReplayed = named("Idempotent-Replayed")

    private static func named(_ name: String) -> HTTPField.Name {
        HTTPField.Name(name) ?? .via
    }
}
