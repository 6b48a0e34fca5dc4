import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MemoriesSimulator
import NIOConcurrencyHelpers
import ServiceLifecycle
@testable import Showrunner
import Testing

/// Outgoing webhooks against a real receiver on a loopback port: signed deliveries, retries
/// with backoff, the delivery log and redelivery, and targets refused for SSRF.
@Suite struct WebhookDeliveryTests {
    /// A receiver that records what it got and answers with the scripted statuses in turn.
    final class Receiver: Sendable {
        struct Received: Sendable {
            var headers: HTTPFields
            var body: [UInt8]
        }
        let received = NIOLockedValueBox([Received]())
        let statuses: NIOLockedValueBox<[HTTPResponse.Status]>

        init(statuses: [HTTPResponse.Status]) { self.statuses = NIOLockedValueBox(statuses) }

        func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
            let router = Router()
            router.post("hook") { request, _ -> Response in
                let buffer = try await request.body.collect(upTo: 1 << 20)
                self.received.withLockedValue { $0.append(Received(headers: request.headers, body: Array(buffer.readableBytesView))) }
                let status = self.statuses.withLockedValue { $0.isEmpty ? .ok : $0.removeFirst() }
                return Response(status: status)
            }
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: TestApp.logger
            )
            let group = ServiceGroup(configuration: .init(services: [app], logger: TestApp.logger))
            return try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw CancellationError() }
                defer { tasks.cancelAll() }
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                return result
            }
        }
    }

    static func fast(_ configuration: inout AppConfiguration) {
        TaskFlowTests.fast(&configuration)
        configuration.runsWebhookDispatcher = true
        configuration.webhookDispatcherTick = .milliseconds(50)
        configuration.webhookBackoff = [0.1, 0.1]
        configuration.webhooksAllowPrivateAddresses = true
    }

    static func secret(_ response: TestResponse) throws -> String {
        let match = try #require(Accounts.firstMatch(#"id="new-secret">whsec_[A-Za-z0-9_-]+<"#, in: response.text), "\(response.text)")
        return String(match.dropFirst(#"id="new-secret">"#.count).dropLast())
    }

    @Test func deliveriesAreSignedRetriedLoggedAndRedelivered() async throws {
        let receiver = Receiver(statuses: [.internalServerError, .serviceUnavailable])
        try await receiver.run { port in
            try await SimulatedUpstream.run { sim in
                let database = try TestApp.database()
                try await TestApp.run(database: database, upstream: sim.upstream, configure: Self.fast) { browser in
                    let (org, drama) = try await TaskSteps.drama(browser)
                    let added = try await browser.post(
                        "/o/\(org)/settings/webhooks", form: [("url", "http://127.0.0.1:\(port)/hook"), ("events", "task.submitted"), ("events", "task.ingested")]
                    )
                    #expect(added.status == .ok, "\(added.text)")
                    #expect(added.headers[.cacheControl] == "no-store")
                    let secret = try Self.secret(added)
                    #expect(!(try await browser.get("/o/\(org)/settings/webhooks")).text.contains(secret), "shown once")
                    let sealed = try await database.writer.read { db in try Data.fetchOne(db, sql: "SELECT sealedSecret FROM webhookSubscription") }
                    #expect(!(sealed.map { String(decoding: $0, as: UTF8.self) } ?? "").contains(secret), "stored sealed")

                    let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                    // Two failures, then 200: three attempts of task.submitted.
                    #expect(try await eventually {
                        try await database.writer.read { db in
                            try String.fetchOne(db, sql: "SELECT status FROM webhookDelivery WHERE event = 'task.submitted'")
                        } == "delivered"
                    })
                    let attempts = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT attempts FROM webhookDelivery WHERE event = 'task.submitted'") }
                    #expect(attempts == 3)
                    let first = try #require(receiver.received.withLockedValue { $0.first })
                    #expect(first.headers[HTTPField.Name("Showrunner-Event")!] == "task.submitted")
                    let signature = try #require(first.headers[HTTPField.Name(WebhookSigner.header)!])
                    #expect(WebhookSigner.verify(header: signature, secret: secret, body: first.body))
                    #expect(!WebhookSigner.verify(header: signature, secret: secret, body: first.body + [0x20]), "a changed body fails")
                    #expect(!WebhookSigner.verify(header: signature, secret: "whsec_other", body: first.body))
                    let payload = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
                    #expect(payload["event"] as? String == "task.submitted")
                    #expect(((payload["data"] as? [String: Any])?["task"] as? [String: Any])?["id"] as? Int == Int(taskId))

                    await sim.simulator.advance(by: 10_000)
                    #expect(try await eventually {
                        try await database.writer.read { db in
                            try String.fetchOne(db, sql: "SELECT status FROM webhookDelivery WHERE event = 'task.ingested'")
                        } == "delivered"
                    })
                    // Not subscribed: no task.completed delivery.
                    #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhookDelivery WHERE event = 'task.completed'") } == 0)

                    let log = try await browser.get("/o/\(org)/settings/webhooks")
                    #expect(log.text.contains("HTTP 200"))
                    #expect(log.text.contains("task.ingested"))
                    let deliveryId = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM webhookDelivery") })
                    let redeliver = try await browser.post("/o/\(org)/settings/webhooks/deliveries/\(deliveryId)/redeliver")
                    #expect(redeliver.status == .seeOther)
                    let before = receiver.received.withLockedValue { $0.count }
                    #expect(try await eventually { receiver.received.withLockedValue { $0.count } == before + 1 })

                    // Another organisation cannot redeliver or delete these.
                    let other = Browser(client: browser.client)
                    let otherOrg = Accounts.slug(from: try await Accounts.signUp(other, email: "hooks-b@example.com", organization: "Hooks B"))
                    #expect(try await other.post("/o/\(otherOrg)/settings/webhooks/deliveries/\(deliveryId)/redeliver").status == .notFound)
                    let endpointId = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM webhookSubscription") })
                    #expect(try await other.post("/o/\(otherOrg)/settings/webhooks/\(endpointId)/delete").status == .notFound)
                }
            }
        }
    }

    @Test func aDeadReceiverFailsAfterTheRetriesWithoutHoldingUpTheTracker() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: Self.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                // Nothing listens on port 9.
                let added = try await browser.post("/o/\(org)/settings/webhooks", form: [("url", "http://127.0.0.1:9/hook"), ("events", "task.submitted")])
                #expect(added.status == .ok)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" })
                #expect(try await eventually {
                    try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM webhookDelivery") } == "failed"
                })
                let row = try await database.writer.read { db in try Row.fetchOne(db, sql: "SELECT attempts, lastError FROM webhookDelivery") }
                #expect(row?["attempts"] as Int? == 3)
                #expect((row?["lastError"] as String?)?.contains("could not connect") == true)
            }
        }
    }

    @Test func privateAndMalformedTargetsAreRefused() async throws {
        try await TestApp.run { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "ssrf@example.com", organization: "SSRF Studio"))
            for url in [
                "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.0.0.5/hook", "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/", "http://172.16.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
            ] {
                let response = try await browser.post("/o/\(org)/settings/webhooks", form: [("url", url), ("events", "task.completed")])
                #expect(response.status == .unprocessableContent, "\(url)")
                #expect(response.text.contains("public addresses"), "\(url)")
                #expect(response.text.contains("value=\"\(url)\""), "the input is kept")
            }
            for url in ["ftp://example.com/x", "https://user:pass@example.com/hook", "not a url", ""] {
                let response = try await browser.post("/o/\(org)/settings/webhooks", form: [("url", url), ("events", "task.completed")])
                #expect(response.status == .unprocessableContent, "\(url)")
            }
            let noEvents = try await browser.post("/o/\(org)/settings/webhooks", form: [("url", "https://8.8.8.8/hook")])
            #expect(noEvents.status == .unprocessableContent)
            #expect(noEvents.text.contains("Choose at least one event."))
            let csrf = try await browser.post("/o/\(org)/settings/webhooks", form: [("url", "https://8.8.8.8/hook"), ("events", "task.completed")], csrf: .omitted)
            #expect(csrf.status == .forbidden)
        }
        #expect(WebhookTargetPolicy.isPrivate("100.64.0.1"))
        #expect(WebhookTargetPolicy.isPrivate("fd00::1"))
        #expect(WebhookTargetPolicy.isPrivate("fe80::1"))
        #expect(!WebhookTargetPolicy.isPrivate("8.8.8.8"))
        #expect(!WebhookTargetPolicy.isPrivate("2606:4700::1111"))
        // At delivery time too: a saved URL whose name now points inside is not called.
        let policy = WebhookTargetPolicy(allowsPrivateAddresses: false)
        #expect(throws: WebhookTargetPolicy.Refusal.self) { try policy.check("http://localhost:1/") }
    }
}
