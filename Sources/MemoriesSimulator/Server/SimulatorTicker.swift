import Logging
import ServiceLifecycle

/// Drives time-based work nobody asks for: callbacks must fire even when no client polls.
public struct SimulatorTicker: Service {
    let simulator: Simulator

    public init(simulator: Simulator) {
        self.simulator = simulator
    }

    public func run() async throws {
        let interval = simulator.configuration.tickInterval
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await simulator.deliverDueCallbacks()
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }
}
