import Foundation

/// What happens to an API request before its handler runs.
enum Admission: Sendable {
    case proceed(delay: Duration)
    case reply(APIReply, delay: Duration)
    /// HTTP 200 with a body that is not JSON (fault switch).
    case malformed(delay: Duration)
}

extension Simulator {
    /// Counts the request, checks the key, applies fault counters and the account rate limit.
    /// Order (invented): auth → injected faults → rate limit.
    func admit(route: String, apiKey: String?, arrivedAt: ContinuousClock.Instant = .now) -> Admission {
        requestCounts[route, default: 0] += 1
        let delay = Duration.milliseconds(max(0, faults.responseDelayMilliseconds))
        guard let apiKey, configuration.apiKeys.accepts(apiKey) else {
            return .reply(.unauthorized, delay: delay)
        }
        if faults.rateLimitNextRequests > 0 {
            faults.rateLimitNextRequests -= 1
            return .reply(faults.rateLimitStyle == .http429 ? .rateLimited : .limitExceeded, delay: delay)
        }
        if faults.serverErrorNextRequests > 0 {
            faults.serverErrorNextRequests -= 1
            let status = (500...599).contains(faults.serverErrorStatus) ? faults.serverErrorStatus : 500
            return .reply(.error(status, "Internal server error"), delay: delay)
        }
        if faults.malformedNextResponses > 0 {
            faults.malformedNextResponses -= 1
            return .malformed(delay: delay)
        }
        if let rule = configuration.rateLimit, !takeToken(for: apiKey, rule: rule, at: arrivedAt) {
            rateLimitRejections[apiKey, default: 0] += 1
            return .reply(faults.rateLimitStyle == .http429 ? .rateLimited : .limitExceeded, delay: delay)
        }
        return .proceed(delay: delay)
    }

    /// Token bucket per account, in real time (rate limits do not follow the simulated clock).
    /// With the default burst of 1 this is strict: one request per 1/rate seconds. A request
    /// up to `tolerance` early (2% by default) still passes (invented: arrival jitter of a
    /// client that spaces its sends exactly 1 s apart must not be punished).
    private func takeToken(for key: String, rule: RateLimitRule, at arrival: ContinuousClock.Instant) -> Bool {
        // Arrivals can reach the actor out of order; never let time run backwards.
        let now = max(arrival, buckets[key]?.at ?? arrival)
        let previous = buckets[key] ?? (tokens: rule.burst, at: now)
        let refilled = min(rule.burst, previous.tokens + (now - previous.at).seconds * rule.requestsPerSecond)
        guard refilled >= 1 - rule.tolerance else {
            buckets[key] = (tokens: refilled, at: now)
            return false
        }
        buckets[key] = (tokens: max(0, refilled - 1), at: now)
        return true
    }
}
