import Foundation

/// Everything `MemoriesHTTPClient` needs. Plain values, so the app can fill it from its own settings.
public struct MemoriesClientConfiguration: Sendable {
    /// The production base URL (v2).
    public static let productionBaseURL = URL(string: "https://mavi-backend.memories.ai/serve/api/v2")

    /// API root, e.g. `https://mavi-backend.memories.ai/serve/api/v2` or a simulator's.
    public var baseURL: URL
    /// Sent raw in `Authorization`, without `Bearer`.
    public var apiKey: String
    /// Account-wide request rate shared by every client using this key in the process.
    public var requestsPerSecond: Double
    /// Retries after the first attempt for retryable failures.
    public var maxRetries: Int
    /// First backoff delay; doubles each retry up to `maxBackoff` (documented advice: 1 s → 32 s).
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Per-request timeout for JSON calls. Also the idle timeout of downloads.
    public var requestTimeout: Duration
    /// Upper bound on a whole download (the zip can be large).
    public var downloadTimeout: Duration

    public init(
        baseURL: URL,
        apiKey: String,
        requestsPerSecond: Double = 1,
        maxRetries: Int = 5,
        initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(32),
        requestTimeout: Duration = .seconds(30),
        downloadTimeout: Duration = .seconds(600)
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestsPerSecond = requestsPerSecond
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.requestTimeout = requestTimeout
        self.downloadTimeout = downloadTimeout
    }
}

extension Duration {
    /// Seconds as a `Double`, for Foundation APIs.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
