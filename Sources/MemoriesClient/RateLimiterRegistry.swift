import Synchronization

/// One `RateLimiter` per account for the whole process.
///
/// Upstream enforces limits per account, and keys of one account share the quota; the
/// process cannot see accounts, so the key stands in for one. Two clients built with the
/// same key get the same limiter. The first rate registered for a key wins; later
/// registrations with another rate reuse the existing limiter.
public final class RateLimiterRegistry: Sendable {
    /// The registry every `MemoriesHTTPClient` uses unless given another.
    public static let shared = RateLimiterRegistry()

    private let limiters = Mutex<[String: RateLimiter]>([:])

    public init() {}

    public func limiter(forKey key: String, requestsPerSecond: Double) -> RateLimiter {
        limiters.withLock { limiters in
            if let existing = limiters[key] {
                return existing
            }
            let limiter = RateLimiter(requestsPerSecond: requestsPerSecond)
            limiters[key] = limiter
            return limiter
        }
    }
}
