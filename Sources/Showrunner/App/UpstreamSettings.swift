import Foundation

/// Where screenplay tasks go: the real memories.ai API when a key is configured, otherwise
/// the built-in simulator, run in this process on its own port.
public struct UpstreamSettings: Sendable {
    public static let vendorBaseURL = URL(string: "https://mavi-backend.memories.ai/serve/api/v2")

    /// memories.ai API key (`sk-…`). Nil runs the built-in simulator.
    public var apiKey: String?
    public var baseURL: URL?
    /// The vendor's documented limit: 1 request per second per account.
    public var requestsPerSecond: Double
    /// Start the simulator inside `serve` when there is no key (tests turn this off).
    public var runsEmbeddedSimulator: Bool
    public var simulatorHost: String
    public var simulatorPort: Int
    /// Simulated seconds per real second: 60 makes a 2-minute episode take about a second.
    public var simulatorSpeed: Double

    public init(
        apiKey: String? = nil,
        baseURL: URL? = nil,
        requestsPerSecond: Double = 1,
        runsEmbeddedSimulator: Bool = true,
        simulatorHost: String = "127.0.0.1",
        simulatorPort: Int = 8090,
        simulatorSpeed: Double = 60
    ) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.requestsPerSecond = requestsPerSecond
        self.runsEmbeddedSimulator = runsEmbeddedSimulator
        self.simulatorHost = simulatorHost
        self.simulatorPort = simulatorPort
        self.simulatorSpeed = simulatorSpeed
    }

    public var usesSimulator: Bool { apiKey == nil }

    /// The simulator's API base (same path prefix as the vendor's).
    var simulatorBaseURL: URL? {
        URL(string: "http://\(simulatorHost):\(simulatorPort)/serve/api/v2")
    }

    var effectiveBaseURL: URL? {
        usesSimulator ? (baseURL ?? simulatorBaseURL) : (baseURL ?? Self.vendorBaseURL)
    }
}
