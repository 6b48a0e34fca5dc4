import Foundation
import NIOConcurrencyHelpers

/// Requests per API key, as a token bucket in this process: `limit` a minute on average with
/// bursts of up to `burst`. Also remembers when each key's last use was written, so a busy key
/// writes it once a minute rather than with every request.
final class APIRateLimiter: Sendable {
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var remaining: Int
        /// Seconds until a request would be allowed again (when refused).
        var retryAfter: Int
    }

    let limit: Int
    let burst: Int
    private let refillPerSecond: Double
    private let state = NIOLockedValueBox([Int64: Bucket]())

    private struct Bucket {
        var tokens: Double
        var updated: Date
        var lastUseRecorded: Date?
    }

    /// `requestsPerMinute` ≤ 0 turns the limit off.
    init(requestsPerMinute: Int) {
        limit = requestsPerMinute
        burst = max(10, requestsPerMinute / 6)
        refillPerSecond = Double(max(requestsPerMinute, 0)) / 60
    }

    func take(keyId: Int64, now: Date = Date()) -> Decision {
        guard limit > 0 else { return Decision(allowed: true, remaining: Int.max, retryAfter: 0) }
        let capacity = Double(burst)
        let rate = refillPerSecond
        return state.withLockedValue { buckets in
            var bucket = buckets[keyId] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
            bucket.updated = now
            defer { buckets[keyId] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return Decision(allowed: true, remaining: Int(bucket.tokens), retryAfter: 0)
            }
            return Decision(allowed: false, remaining: 0, retryAfter: max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))))
        }
    }

    /// True when this key's last use should be written now (at most once a minute per process).
    func shouldRecordUse(keyId: Int64, now: Date = Date()) -> Bool {
        state.withLockedValue { buckets in
            var bucket = buckets[keyId] ?? Bucket(tokens: Double(burst), updated: now)
            defer { buckets[keyId] = bucket }
            if let last = bucket.lastUseRecorded, now.timeIntervalSince(last) < 60 { return false }
            bucket.lastUseRecorded = now
            return true
        }
    }
}
