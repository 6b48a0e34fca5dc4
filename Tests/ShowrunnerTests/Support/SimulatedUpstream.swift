import Foundation
import Logging
import MemoriesClient
import MemoriesSimulator
import ServiceLifecycle
import Showrunner

/// The simulator serving real HTTP on an ephemeral loopback port, and an `Upstream` pointing
/// at it with a private rate-limit registry, so tests do not share budgets.
struct SimulatedUpstream: Sendable {
    let simulator: Simulator
    let upstream: Upstream
    let port: Int
    /// The client's limiters, to check what was sent.
    let rateLimiters: RateLimiterRegistry
    let makeClient: @Sendable (String) -> MemoriesHTTPClient

    /// An upstream whose clients are `wrap` around this simulator's (to script failures).
    func upstream(wrapping wrap: @escaping @Sendable (any ScreenplayAPI) -> any ScreenplayAPI) -> Upstream {
        Upstream(mode: upstream.mode) { [makeClient] key in wrap(makeClient(key)) }
    }

    static func configuration(rateLimit: RateLimitRule? = nil, faults: FaultSwitches = FaultSwitches()) -> SimulatorConfiguration {
        SimulatorConfiguration(
            speed: 0, webhookURL: URL(string: "http://127.0.0.1:9/unused"), rateLimit: rateLimit, faults: faults,
            tickInterval: .milliseconds(20), workDirectory: TestApp.temporaryDirectory()
        )
    }

    static func run<T: Sendable>(
        _ configuration: SimulatorConfiguration = configuration(),
        requestsPerSecond: Double = 1_000,
        _ body: @Sendable (SimulatedUpstream) async throws -> T
    ) async throws -> T {
        let logger = TestApp.logger
        let simulator = Simulator(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = makeSimulatorApplication(simulator: simulator, host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let baseURL = URL(string: "http://127.0.0.1:\(port)/serve/api/v2") ?? URL(fileURLWithPath: "/")
            let registry = RateLimiterRegistry()
            let makeClient: @Sendable (String) -> MemoriesHTTPClient = { key in
                MemoriesHTTPClient(
                    configuration: MemoriesClientConfiguration(
                        baseURL: baseURL, apiKey: key, requestsPerSecond: requestsPerSecond, maxRetries: 5,
                        initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), requestTimeout: .seconds(10)
                    ),
                    rateLimiters: registry, logger: logger
                )
            }
            let upstream = Upstream(mode: .externalSimulator(baseURL: baseURL)) { makeClient($0) }
            do {
                let result = try await body(
                    SimulatedUpstream(simulator: simulator, upstream: upstream, port: port, rateLimiters: registry, makeClient: makeClient))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// Polls until `condition` holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(15), _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
