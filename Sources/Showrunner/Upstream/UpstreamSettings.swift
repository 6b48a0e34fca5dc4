import Foundation

/// Where screenplay tasks go, as configured (flags and env). `Upstream.make` turns these into
/// one decision (`UpstreamMode`) that the app, the settings page and the start-up banner share.
///
/// | key | base URL | mode |
/// |---|---|---|
/// | set | unset | the vendor, `https://mavi-backend.memories.ai/serve/api/v2` |
/// | set | set | that URL with that key (a proxy, or another implementation of the API) |
/// | unset | unset | the built-in simulator, started inside `serve` on its own port, for tasks with no key; organisation keys go to the vendor |
/// | unset | set | an external simulator at that URL (`showrunner simulate`); a placeholder key is sent |
public struct UpstreamSettings: Sendable {
    public static let vendorBaseURL = URL(string: "https://mavi-backend.memories.ai/serve/api/v2")

    /// memories.ai API key (`sk-…`) used when an organisation has none of its own.
    public var apiKey: String?
    /// The API base as typed (validated by `validatedBaseURL()`).
    public var baseURL: String?
    /// The vendor's documented limit: 1 request per second per account.
    public var requestsPerSecond: Double
    /// Start the simulator inside `serve` when there is neither key nor URL (tests turn this off).
    public var runsEmbeddedSimulator: Bool
    public var simulatorHost: String
    public var simulatorPort: Int
    /// Simulated seconds per real second: 60 makes a 2-minute episode take about two seconds.
    public var simulatorSpeed: Double
    /// Starting balance of each simulated account, in cents (`SHOWRUNNER_SIMULATOR_BALANCE_CENTS`, $1,000).
    public var simulatorBalanceCents: Int = 100_000

    public init(
        apiKey: String? = nil,
        baseURL: String? = nil,
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

    /// The configured base URL, checked: absolute http(s) with a host. Nil when none is set.
    public func validatedBaseURL() throws(UpstreamConfigurationError) -> URL? {
        guard let text = baseURL?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw .invalidBaseURL(text)
        }
        return url
    }

    /// The simulator's API base (same path prefix as the vendor's).
    var simulatorBaseURL: URL {
        URL(string: "http://\(simulatorHost):\(simulatorPort)/serve/api/v2") ?? URL(fileURLWithPath: "/")
    }
}

public enum UpstreamConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalidBaseURL(String)

    public var description: String {
        switch self {
        case .invalidBaseURL(let text):
            "SHOWRUNNER_MEMORIES_BASE_URL '\(text)' is not an absolute http(s) URL, e.g. https://mavi-backend.memories.ai/serve/api/v2"
        }
    }
}
