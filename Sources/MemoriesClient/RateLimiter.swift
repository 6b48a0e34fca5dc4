/// Spaces requests so that no more than `requestsPerSecond` start in any second.
///
/// Each caller reserves the next free slot synchronously inside the actor, then sleeps
/// until it: concurrent callers can never share a slot, so the rate holds however many
/// tasks call `acquire()` at once. No bursts: upstream counts per second, and a burst of
/// two would already be a violation.
public actor RateLimiter {
    public nonisolated let requestsPerSecond: Double
    private let interval: Duration
    private let clock = ContinuousClock()
    private var nextSlot: ContinuousClock.Instant?

    public init(requestsPerSecond: Double) {
        let rate = requestsPerSecond > 0 ? requestsPerSecond : 1
        self.requestsPerSecond = rate
        self.interval = .nanoseconds(Int64((1_000_000_000 / rate).rounded(.up)))
    }

    /// Waits for this caller's slot. Throws `CancellationError` if the task is cancelled while waiting.
    public func acquire() async throws {
        let now = clock.now
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        if slot > now {
            try await clock.sleep(until: slot, tolerance: nil)
        }
    }
}
