import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Showrunner
import Testing

/// `/healthz` (alive) and `/readyz` (able to work: migrations, a database write, disk, services).
@Suite struct ReadinessTests {
    static func body(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func readyWhenEverythingIsInPlace() async throws {
        try await TestApp.run(configure: { $0.runsTracker = true }) { browser in
            #expect(try await browser.get("/healthz", accept: "application/json").status == .ok)
            let running = await eventually {
                (try? await browser.get("/readyz", accept: "application/json").status) == .ok
            }
            #expect(running)
            let ready = try await browser.get("/readyz", accept: "application/json")
            let body = Self.body(ready)
            #expect(body["status"] as? String == "ready")
            #expect(body["database"] as? String == "ok")
            #expect((body["migrations"] as? String)?.hasPrefix("ok") == true)
            #expect((body["services"] as? [String: String])?["tracker"] == "running")
            #expect(ready.headers[.cacheControl] == "no-store")
        }
    }

    @Test func notReadyWhenTheDiskIsShort() async throws {
        try await TestApp.run(configure: { $0.minimumFreeDiskBytes = .max }) { browser in
            let response = try await browser.get("/readyz", accept: "application/json")
            #expect(response.status == .serviceUnavailable)
            let body = Self.body(response)
            #expect(body["status"] as? String == "not_ready")
            #expect((body["disk"] as? String)?.hasPrefix("low") == true)
            // Still alive: a restart would not help.
            #expect(try await browser.get("/healthz", accept: "application/json").status == .ok)
        }
    }
}
