import Foundation
import Hummingbird
import MemoriesClient
import MemoriesSimulator
import Testing

/// `serve` runs the simulator as one more service next to the main application.
@Suite struct InProcessServiceTests {
    @Test func simulatorRunsAsAServiceOfTheMainApplication() async throws {
        let simulator = Simulator(configuration: TestSupport.configuration(), logger: TestSupport.logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let simulatorApp = makeSimulatorApplication(simulator: simulator, host: "127.0.0.1", port: 0, logger: TestSupport.logger) { port in
            continuation.yield(port)
        }
        let router = Router()
        router.get("health") { _, _ in "ok" }
        var app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestSupport.logger)
        app.addServices(simulatorApp)

        try await TestSupport.withRunningService(app, readiness: ports) { port in
            let sim = RunningSimulator(simulator: simulator, port: port)
            let submitted = try await sim.client().submit(Fixtures.request())
            #expect(submitted.status == .pending)
        }
    }
}
