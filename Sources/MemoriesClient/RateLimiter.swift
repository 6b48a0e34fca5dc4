import CoreMetrics
/// Spaces requests so that no more than `requestsPerSecond` start in any second (with a 5%
/// margin, so arrival jitter does not push two requests into one second upstream).
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
    /// When the last caller actually went ahead (it may have woken later than its slot).
    private var lastRelease: ContinuousClock.Instant?
    /// Callers waiting for a slot right now (the upstream queue depth, for pages and metrics).
    public private(set) var waiting = 0
    /// The shortest gap seen between two callers going ahead: never below the interval.
    public private(set) var shortestGap: Duration?
    /// The spacing enforced between two requests.
    public nonisolated var minimumSpacing: Duration { interval }

    public init(requestsPerSecond: Double) {
        let rate = requestsPerSecond > 0 ? requestsPerSecond : 1
        self.requestsPerSecond = rate
        // 5% over the nominal interval: the gap upstream sees is the gap we leave minus the
        // jitter between our send and its arrival, and a strict limiter counts what arrives.
        self.interval = .nanoseconds(Int64((1_050_000_000 / rate).rounded(.up)))
    }

    /// Waits for this caller's slot. Throws `CancellationError` if the task is cancelled while waiting.
    public func acquire() async throws {
        waiting += 1
        UpstreamMetrics.waiting.increment()
        defer {
            waiting -= 1
            UpstreamMetrics.waiting.decrement()
        }
        let now = clock.now
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        if slot > now {
            try await clock.sleep(until: slot, tolerance: nil)
        }
        // A caller that woke late shrinks the gap to the next one; keep a full interval after
        // the last actual release, so sends are never closer than the rate allows.
        while let last = lastRelease, clock.now < last + interval {
            try await clock.sleep(until: last + interval, tolerance: nil)
        }
        let released = clock.now
        if let last = lastRelease {
            let gap = released - last
            shortestGap = min(shortestGap ?? gap, gap)
        }
        lastRelease = released
        if let next = nextSlot, next < released + interval {
            nextSlot = released + interval
        }
    }
}
