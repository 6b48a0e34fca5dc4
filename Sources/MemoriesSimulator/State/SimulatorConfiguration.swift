import Foundation

/// How the simulator behaves. Plain values: the CLI and `serve` fill it from flags and env.
public struct SimulatorConfiguration: Sendable {
    /// Simulated seconds per real second. 60 turns a minute of processing into a second;
    /// 0 freezes time (tests then move it with `Simulator.advance(by:)`).
    public var speed: Double
    /// Which `Authorization` values are accepted.
    public var apiKeys: APIKeyPolicy
    /// Where callbacks go. Without one, submit is rejected (documented behaviour of v2 async endpoints).
    public var webhookURL: URL?
    /// Starting balance of every account, in US cents.
    public var initialBalanceCents: Int
    /// Per-account request rate enforced on API requests (nil: unlimited). Upstream: 1 QPS,
    /// strictly (burst 1): a second request within the same second is refused.
    public var rateLimit: RateLimitRule?
    /// Where the API lives, like upstream's `/serve/api/v2`.
    public var pathPrefix: String
    /// Initial fault switches.
    public var faults: FaultSwitches
    /// Simulated seconds a task waits in `pending` (invented timing).
    public var pendingSeconds: Double
    /// Simulated processing time per episode = max(`minimumEpisodeSeconds`, duration × ratio) (invented).
    public var processingRatio: Double
    public var minimumEpisodeSeconds: Double
    /// How often the background ticker looks for finished tasks (real time).
    public var tickInterval: Duration
    /// Callback top-level `task_id`: the screenplay id (default) or a separate request id.
    public var callbackTopLevelID: CallbackTopLevelID
    /// Where result zips are assembled before streaming, and uploads and slates are kept.
    public var workDirectory: URL
    /// Largest file `POST /upload` and signed uploads accept (invented; v1 allows 3 GB).
    public var maxUploadBytes: Int64 = 4 << 30

    public init(
        speed: Double = 60,
        apiKeys: APIKeyPolicy = .anyWithPrefix("sk-"),
        webhookURL: URL? = nil,
        initialBalanceCents: Int = 100_000,
        rateLimit: RateLimitRule? = RateLimitRule(requestsPerSecond: 1, burst: 1),
        pathPrefix: String = "/serve/api/v2",
        faults: FaultSwitches = FaultSwitches(),
        pendingSeconds: Double = 20,
        processingRatio: Double = 0.5,
        minimumEpisodeSeconds: Double = 10,
        tickInterval: Duration = .milliseconds(250),
        callbackTopLevelID: CallbackTopLevelID = .sameAsTask,
        workDirectory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("memories-simulator")
    ) {
        self.speed = speed
        self.apiKeys = apiKeys
        self.webhookURL = webhookURL
        self.initialBalanceCents = initialBalanceCents
        self.rateLimit = rateLimit
        self.pathPrefix = pathPrefix
        self.faults = faults
        self.pendingSeconds = pendingSeconds
        self.processingRatio = processingRatio
        self.minimumEpisodeSeconds = minimumEpisodeSeconds
        self.tickInterval = tickInterval
        self.callbackTopLevelID = callbackTopLevelID
        self.workDirectory = workDirectory
    }
}

/// Which API keys the simulator accepts. Each accepted key is its own account.
public enum APIKeyPolicy: Sendable, Equatable {
    case anyWithPrefix(String)
    case exactly(Set<String>)

    func accepts(_ key: String) -> Bool {
        switch self {
        case .anyWithPrefix(let prefix): return key.hasPrefix(prefix) && key.count > prefix.count
        case .exactly(let keys): return keys.contains(key)
        }
    }
}

/// A token bucket: `requestsPerSecond` sustained, up to `burst` at once.
public struct RateLimitRule: Sendable, Equatable, Codable {
    public var requestsPerSecond: Double
    public var burst: Double
    /// How early (as a fraction of the interval) a request may arrive and still pass
    /// (invented: 2%, for network jitter; tests on a loaded machine widen it).
    public var tolerance: Double

    public init(requestsPerSecond: Double, burst: Double = 1, tolerance: Double = 0.02) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = max(1, burst)
        self.tolerance = min(0.5, max(0, tolerance))
    }

    enum CodingKeys: String, CodingKey {
        case requestsPerSecond, burst, tolerance
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            requestsPerSecond: try c.decode(Double.self, forKey: .requestsPerSecond),
            burst: try c.decodeIfPresent(Double.self, forKey: .burst) ?? 1,
            tolerance: try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? 0.02
        )
    }
}

/// The callback's top-level `task_id` (whether upstream repeats the ros-sd id there is undocumented).
public enum CallbackTopLevelID: String, Sendable, Codable {
    case sameAsTask = "same"
    /// A 32-hex request id, like other v2 async endpoints use.
    case separateRequestID = "separate"
}
