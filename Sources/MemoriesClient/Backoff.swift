/// Exponential backoff with jitter: attempt n waits a random delay in
/// [base/2, base] where base = min(maxBackoff, initial × 2ⁿ). The random half spreads
/// retries of many callers apart; the fixed half keeps the delay growing.
struct Backoff: Sendable {
    var initial: Duration
    var maximum: Duration

    /// Delay before retry number `retry` (0 for the first retry).
    func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(retry, 30)
        var base = initial * (1 << exponent)
        if base > maximum { base = maximum }
        let half = base / 2
        let jitter = Double.random(in: 0...1)
        return half + half * jitter
    }
}
