import Foundation
import Hummingbird
import NIOCore

/// Simulator-only endpoints, outside the API prefix, to inspect state and flip fault
/// switches at runtime. Invented; upstream has nothing like it. Plain JSON, no envelope,
/// no authentication (the simulator is a development tool).
struct SimulatorAdminController: Sendable {
    let simulator: Simulator

    struct ClockState: Codable, Sendable {
        var now: Double
        var speed: Double
        var webhookURL: String?

        enum CodingKeys: String, CodingKey {
            case now, speed
            case webhookURL = "webhook_url"
        }
    }

    struct WebhookChange: Codable, Sendable {
        var url: String?
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let admin = router.group("_simulator")
        admin.get("faults") { _, _ in
            Self.json(await simulator.currentFaults())
        }
        admin.put("faults") { request, context in
            let faults = try await request.decode(as: FaultSwitches.self, context: context)
            await simulator.setFaults(faults)
            return Self.json(faults)
        }
        admin.get("tasks") { _, _ in
            Self.json(await simulator.taskSummaries())
        }
        admin.get("ledger") { _, _ in
            Self.json(await simulator.ledger())
        }
        admin.get("callbacks") { _, _ in
            Self.json(await simulator.callbacks())
        }
        admin.get("requests") { _, _ in
            Self.json(await simulator.requestCountsByRoute())
        }
        admin.get("clock") { _, _ in
            Self.json(await clockState())
        }
        admin.post("clock/advance") { request, _ in
            let seconds = request.uri.queryParameters.get("seconds").flatMap(Double.init) ?? 0
            await simulator.advance(by: seconds)
            await simulator.deliverDueCallbacks()
            return Self.json(await clockState())
        }
        admin.put("clock/speed") { request, _ in
            let speed = request.uri.queryParameters.get("value").flatMap(Double.init) ?? simulator.configuration.speed
            await simulator.setSpeed(speed)
            return Self.json(await clockState())
        }
        admin.put("webhook") { request, context in
            let change = try await request.decode(as: WebhookChange.self, context: context)
            await simulator.setWebhookURL(change.url.flatMap { URL(string: $0) })
            return Self.json(await clockState())
        }
        admin.get("assets") { _, _ in
            Self.json(DemoAssets.all)
        }
    }

    private func clockState() async -> ClockState {
        ClockState(
            now: await simulator.now(), speed: await simulator.currentSpeed(),
            webhookURL: await simulator.currentWebhookURL()?.absoluteString
        )
    }

    static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
