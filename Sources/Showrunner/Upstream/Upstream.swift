import Foundation
import Logging
import MemoriesClient
import MemoriesSimulator
import ServiceLifecycle
import Synchronization

/// The app's one seam to memories.ai: which base URL and fallback key apply, and how to make
/// a client for one account's key. `serve` builds it with `make`; tests build it around the
/// in-process simulator or a scripted fake.
public struct Upstream: Sendable {
    public let mode: UpstreamMode
    /// The server's key (`SHOWRUNNER_MEMORIES_API_KEY`): used by organisations without their own.
    let serverKey: String?
    /// Makes the client for one real API key (an organisation's or the server's): memories.ai,
    /// or the configured base URL. Clients for the same key share one rate limiter.
    let makeClient: @Sendable (_ apiKey: String) -> any ScreenplayAPI
    /// The client for tasks with no key anywhere: the simulator.
    let makeSimulatorClient: @Sendable () -> any ScreenplayAPI
    /// Services to run beside the web server (the embedded simulator).
    let services: [any Service]
    /// The embedded simulator, so callbacks can be pointed at this server.
    let simulator: Simulator?

    /// The placeholder key sent to a simulator; it names where requests came from.
    static let simulatorKey = "sk-showrunner-simulator"

    public init(
        mode: UpstreamMode,
        serverKey: String? = nil,
        services: [any Service] = [],
        simulator: Simulator? = nil,
        makeSimulatorClient: (@Sendable () -> any ScreenplayAPI)? = nil,
        makeClient: @escaping @Sendable (_ apiKey: String) -> any ScreenplayAPI
    ) {
        self.mode = mode
        self.serverKey = serverKey
        self.services = services
        self.simulator = simulator
        self.makeClient = makeClient
        self.makeSimulatorClient = makeSimulatorClient ?? { makeClient(Upstream.simulatorKey) }
    }

    /// Builds the upstream `serve` runs with (see `UpstreamSettings` for the table of cases).
    public static func make(configuration: AppConfiguration, logger: Logger) throws -> Upstream {
        let settings = configuration.upstream
        let configured = try settings.validatedBaseURL()
        let requestsPerSecond = settings.requestsPerSecond
        let clientLogger = Logger(label: "memories.client")
        func clients(_ baseURL: URL) -> @Sendable (String) -> any ScreenplayAPI {
            // One client (one URLSession, reused connections) per key, not one per call.
            let cache = ClientCache()
            return { key in
                cache.client(forKey: key) {
                    MemoriesHTTPClient(
                        configuration: MemoriesClientConfiguration(baseURL: baseURL, apiKey: key, requestsPerSecond: requestsPerSecond),
                        logger: clientLogger
                    )
                }
            }
        }
        if let key = settings.apiKey {
            let baseURL = configured ?? UpstreamSettings.vendorBaseURL ?? settings.simulatorBaseURL
            return Upstream(mode: .vendor(baseURL: baseURL), serverKey: key, makeClient: clients(baseURL))
        }
        if let configured {
            return Upstream(mode: .externalSimulator(baseURL: configured), makeClient: clients(configured))
        }
        let baseURL = settings.simulatorBaseURL
        // Keys an organisation adds while the server runs offline are real keys: they go to
        // memories.ai. Only tasks with no key anywhere go to the simulator.
        let vendor = clients(UpstreamSettings.vendorBaseURL ?? baseURL)
        let simulatorClients = clients(baseURL)
        guard settings.runsEmbeddedSimulator else {
            return Upstream(
                mode: .externalSimulator(baseURL: baseURL), makeSimulatorClient: { simulatorClients(simulatorKey) }, makeClient: vendor
            )
        }
        let simulator = Simulator(
            configuration: SimulatorConfiguration(
                speed: settings.simulatorSpeed,
                initialBalanceCents: settings.simulatorBalanceCents,
                workDirectory: configuration.dataDirectory.appendingPathComponent("simulator", isDirectory: true)
            ),
            logger: Logger(label: "memories.simulator")
        )
        let server = makeSimulatorApplication(
            simulator: simulator, host: settings.simulatorHost, port: settings.simulatorPort, logger: logger
        )
        return Upstream(
            mode: .embeddedSimulator(baseURL: baseURL), services: [server], simulator: simulator,
            makeSimulatorClient: { simulatorClients(simulatorKey) }, makeClient: vendor
        )
    }
}

/// Clients by API key, made once each.
final class ClientCache: Sendable {
    private let clients = Mutex<[String: any ScreenplayAPI]>([:])

    func client(forKey key: String, make: () -> any ScreenplayAPI) -> any ScreenplayAPI {
        clients.withLock { clients in
            if let existing = clients[key] { return existing }
            let made = make()
            clients[key] = made
            return made
        }
    }
}
