/// Failures the data layer reports without knowing about HTTP. `ErrorPageMiddleware` maps
/// them to statuses in one place (not found → 404, conflict → 409, invalid → 422).
public enum DomainError: Error, Sendable, Equatable {
    /// No such row in this organisation (another tenant's id looks exactly the same).
    case notFound
    /// The change clashes with the current state (e.g. a task that can no longer be cancelled).
    case conflict(String)
    /// The input is well-formed but not acceptable; the message says why, in plain words.
    case invalid(String)
}
