import Foundation
import Hummingbird
import Logging
import NIOCore

/// The simulator's router: the API under the configured prefix plus `/_simulator/…`.
public func makeSimulatorRouter(simulator: Simulator) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    SimulatorAPIController(simulator: simulator).addRoutes(to: router)
    SimulatorAdminController(simulator: simulator).addRoutes(to: router)
    return router
}

/// A runnable simulator on its own port, with its ticker as a service.
///
/// - Parameters:
///   - port: 0 picks a free port; `onServerRunning` receives the one bound.
///   - onServerRunning: called once listening, with the bound port (tests use it).
public func makeSimulatorApplication(
    simulator: Simulator,
    host: String = "127.0.0.1",
    port: Int = 8090,
    logger: Logger = Logger(label: "memories.simulator"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: makeSimulatorRouter(simulator: simulator),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "memories-simulator"),
        services: [SimulatorTicker(simulator: simulator)],
        onServerRunning: { channel in
            await onServerRunning(channel.localAddress?.port ?? port)
        },
        logger: logger
    )
}
