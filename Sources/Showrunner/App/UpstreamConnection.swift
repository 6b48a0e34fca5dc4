import Foundation
import Hummingbird
import Logging
import MemoriesClient
import MemoriesSimulator
import ServiceLifecycle

/// The seam around the upstream API: one `ScreenplayAPI` client for the whole app, and the
/// embedded simulator's server when it runs in this process.
struct UpstreamConnection: Sendable {
    let client: any ScreenplayAPI
    let services: [any Service]
    /// For the start-up banner and the admin pages: "memories.ai" or "built-in simulator".
    let summary: String

    static func make(configuration: AppConfiguration, logger: Logger) -> UpstreamConnection {
        let settings = configuration.upstream
        let fallback = URL(fileURLWithPath: "/")
        let baseURL = settings.effectiveBaseURL ?? fallback
        // The simulator accepts any key starting with sk-; this one names where requests came from.
        let key = settings.apiKey ?? "sk-showrunner-embedded-simulator"
        let client = MemoriesHTTPClient(
            configuration: MemoriesClientConfiguration(baseURL: baseURL, apiKey: key, requestsPerSecond: settings.requestsPerSecond),
            logger: logger
        )
        guard settings.usesSimulator else {
            return UpstreamConnection(client: client, services: [], summary: "memories.ai at \(baseURL.absoluteString)")
        }
        guard settings.runsEmbeddedSimulator else {
            return UpstreamConnection(client: client, services: [], summary: "simulator expected at \(baseURL.absoluteString)")
        }
        let simulator = Simulator(
            configuration: SimulatorConfiguration(
                speed: settings.simulatorSpeed,
                // Callbacks come back to this server; the receiving route arrives with screenplay tasks.
                webhookURL: URL(string: configuration.externalBaseURL + "/hooks/memories"),
                workDirectory: configuration.dataDirectory.appendingPathComponent("simulator", isDirectory: true)
            ),
            logger: Logger(label: "memories.simulator")
        )
        let server = makeSimulatorApplication(
            simulator: simulator, host: settings.simulatorHost, port: settings.simulatorPort, logger: logger
        )
        return UpstreamConnection(
            client: client, services: [server], summary: "built-in simulator at \(baseURL.absoluteString) (no API key configured)"
        )
    }
}
