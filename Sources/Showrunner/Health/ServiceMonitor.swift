import Foundation
import ServiceLifecycle
import Synchronization

/// Which background services are running, for `/readyz`: each is wrapped in a
/// `MonitoredService` that marks it running while its `run()` is alive.
final class ServiceMonitor: Sendable {
    enum State: String, Sendable { case starting, running, stopped }
    private let states = Mutex<[String: State]>([:])

    func expect(_ name: String) { states.withLock { $0[name] = .starting } }
    func set(_ name: String, _ state: State) { states.withLock { $0[name] = state } }
    var snapshot: [String: State] { states.withLock { $0 } }

    func monitor(_ name: String, _ service: some Service) -> some Service {
        expect(name)
        return MonitoredService(name: name, service: service, monitor: self)
    }
}

struct MonitoredService<Wrapped: Service>: Service {
    let name: String
    let service: Wrapped
    let monitor: ServiceMonitor

    func run() async throws {
        monitor.set(name, .running)
        defer { monitor.set(name, .stopped) }
        try await service.run()
    }
}
