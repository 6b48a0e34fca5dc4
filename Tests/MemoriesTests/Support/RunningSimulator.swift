import Foundation
import Hummingbird
import Logging
import MemoriesClient
import MemoriesSimulator
import ServiceLifecycle

/// A simulator serving real HTTP on an ephemeral loopback port for the duration of a test.
struct RunningSimulator: Sendable {
    let simulator: Simulator
    let port: Int

    var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)\(simulator.configuration.pathPrefix)") ?? URL(fileURLWithPath: "/")
    }

    var rootURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// A client with tiny backoffs, its own rate-limit registry and a fresh account key.
    func client(
        key: String = "sk-test-\(UUID().uuidString)",
        requestsPerSecond: Double = 1_000,
        maxRetries: Int = 2,
        requestTimeout: Duration = .seconds(10)
    ) -> MemoriesHTTPClient {
        MemoriesHTTPClient(
            configuration: MemoriesClientConfiguration(
                baseURL: baseURL, apiKey: key, requestsPerSecond: requestsPerSecond, maxRetries: maxRetries,
                initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), requestTimeout: requestTimeout
            ),
            rateLimiters: RateLimiterRegistry(),
            logger: TestSupport.logger
        )
    }
}

enum TestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "memories.tests")
        logger.logLevel = .error
        return logger
    }()

    /// Frozen clock, no rate limit, a webhook that nobody listens on: each test turns on what it checks.
    static func configuration(
        webhookURL: URL? = URL(string: "http://127.0.0.1:9/unused"),
        faults: FaultSwitches = FaultSwitches(),
        initialBalanceCents: Int = 100_000,
        rateLimit: RateLimitRule? = nil
    ) -> SimulatorConfiguration {
        SimulatorConfiguration(
            speed: 0,
            webhookURL: webhookURL,
            initialBalanceCents: initialBalanceCents,
            rateLimit: rateLimit,
            faults: faults,
            tickInterval: .milliseconds(20),
            workDirectory: temporaryDirectory()
        )
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("memories-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` against a simulator listening on 127.0.0.1 with an ephemeral port.
    static func withSimulator<T: Sendable>(
        _ configuration: SimulatorConfiguration = configuration(),
        _ body: @Sendable (RunningSimulator) async throws -> T
    ) async throws -> T {
        let simulator = Simulator(configuration: configuration, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = makeSimulatorApplication(simulator: simulator, host: "127.0.0.1", port: 0, logger: logger) { port in
            portContinuation.yield(port)
        }
        return try await withRunningService(app, readiness: ports) { port in
            try await body(RunningSimulator(simulator: simulator, port: port))
        }
    }

    /// Runs a service in a ServiceGroup, waits for it to report its port, runs `body`, shuts down.
    static func withRunningService<T: Sendable>(
        _ service: some Service,
        readiness: AsyncStream<Int>,
        _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = readiness.makeAsyncIterator()
            guard let port = await iterator.next() else {
                await group.triggerGracefulShutdown()
                throw CancellationError()
            }
            do {
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// Polls `condition` until true or `timeout` passes (real time). For waiting on callbacks.
    static func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }
}

/// Episodes from the vendor's documented example.
enum Fixtures {
    static let vendorEpisodes: [String: String] = [
        "1": "re_657739295220518912",
        "2": "re_657739295220518913",
        "3": "re_657739295220518914",
    ]

    static func request(
        episodes: [String: String] = vendorEpisodes,
        language: String = "zh-CN",
        json: Bool? = nil,
        xlsx: Bool? = nil,
        merged: Bool? = nil,
        face: Bool = true,
        mode: ScreenplayMode = .shortDrama
    ) -> SubmitTaskRequest {
        SubmitTaskRequest(
            mode: mode,
            episodes: episodes,
            config: ScreenplayConfig(
                language: language, useFaceRecognition: face, useSubtitle: false,
                requireJSON: json, requireXLSX: xlsx, requireMergeXLSX: merged, concurrency: 100
            )
        )
    }
}
