import Foundation
import Hummingbird
import MemoriesClient
import MemoriesSimulator
import NIOCore
import Testing

/// Collects the callbacks a loopback receiver gets.
actor CallbackInbox {
    private(set) var received: [ScreenplayCallback] = []

    func append(_ callback: ScreenplayCallback) {
        received.append(callback)
    }
}

/// Callbacks are POSTed when tasks end, even when nobody polls; never on cancel; dropped on demand.
@Suite struct CallbackTests {
    /// Runs a tiny Hummingbird receiver on loopback and a simulator that calls it.
    func withReceiver(
        faults: FaultSwitches = FaultSwitches(),
        _ body: @Sendable (RunningSimulator, CallbackInbox) async throws -> Void
    ) async throws {
        let inbox = CallbackInbox()
        let router = Router()
        router.post("hooks/memories") { request, context -> HTTPResponse.Status in
            let callback = try await request.decode(as: ScreenplayCallback.self, context: context)
            await inbox.append(callback)
            return .ok
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let receiver = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: TestSupport.logger
        )
        try await TestSupport.withRunningService(receiver, readiness: ports) { port in
            let webhook = URL(string: "http://127.0.0.1:\(port)/hooks/memories")
            try await TestSupport.withSimulator(TestSupport.configuration(webhookURL: webhook, faults: faults)) { sim in
                try await body(sim, inbox)
            }
        }
    }

    @Test func completedTaskCallsBackWithoutPolling() async throws {
        try await withReceiver { sim, inbox in
            let submitted = try await sim.client().submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            // No status call: the ticker must notice on its own.
            #expect(await TestSupport.eventually { await inbox.received.count == 1 })
            let callback = try #require(await inbox.received.first)
            #expect(callback.code == EnvelopeCode(200))
            #expect(callback.message == "SUCCESS")
            #expect(callback.taskID == submitted.taskID)
            #expect(callback.data == CallbackData(taskID: submitted.taskID, status: .completed))
            // The outcome is recorded once the receiver has answered.
            #expect(await TestSupport.eventually { await sim.simulator.callbacks().map(\.outcome) == ["sent"] })
        }
    }

    @Test func failedTaskCallsBackWithTheErrorCode() async throws {
        let failure = TaskFailureInjection(errorCode: "VIDEO_DECODE_FAILED", errorMessage: "Failed to decode video stream of episode", afterEpisodes: 0)
        try await withReceiver(faults: FaultSwitches(taskFailure: failure)) { sim, inbox in
            let submitted = try await sim.client().submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            #expect(await TestSupport.eventually { await inbox.received.count == 1 })
            let data = try #require(await inbox.received.first?.data)
            #expect(data.taskID == submitted.taskID)
            #expect(data.status == .failed)
            #expect(data.errorCode == "VIDEO_DECODE_FAILED")
            #expect(data.errorMessage?.hasPrefix("Failed to decode video stream of episode 1") == true)
        }
    }

    @Test func cancelledTasksAndDroppedCallbacksNeverArrive() async throws {
        try await withReceiver(faults: FaultSwitches(dropCallbacks: true)) { sim, inbox in
            let client = sim.client()
            let dropped = try await client.submit(Fixtures.request())
            let cancelled = try await client.submit(Fixtures.request())
            _ = try await client.cancel(taskID: cancelled.taskID)
            await sim.simulator.advance(by: 10_000)
            #expect(await TestSupport.eventually { await sim.simulator.callbacks().count == 1 })
            let records = await sim.simulator.callbacks()
            #expect(records == [CallbackRecord(taskID: dropped.taskID, status: "completed", outcome: "dropped")])
            try await Task.sleep(for: .milliseconds(100))
            #expect(await inbox.received.isEmpty)
        }
    }
}
