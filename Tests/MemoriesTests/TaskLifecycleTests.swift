import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MemoriesClient
import MemoriesSimulator
import Testing

/// Tasks move through pending → running (with progress) → completed or failed in
/// simulated time, and can be cancelled only while pending or running.
@Suite struct TaskLifecycleTests {
    @Test func statusProgressesEpisodeByEpisode() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            let id = submitted.taskID
            #expect(try await client.status(taskID: id) == TaskStatus(taskID: id, status: .pending))

            // Pending lasts 20 s; each episode takes half its duration (~75 s here).
            await sim.simulator.advance(by: 21)
            #expect(try await client.status(taskID: id) == TaskStatus(taskID: id, status: .running, progress: TaskProgress(totalEpisodes: 3, completedEpisodes: 0)))
            await sim.simulator.advance(by: 80)
            #expect(try await client.status(taskID: id).progress == TaskProgress(totalEpisodes: 3, completedEpisodes: 1))
            await sim.simulator.advance(by: 75)
            #expect(try await client.status(taskID: id).progress == TaskProgress(totalEpisodes: 3, completedEpisodes: 2))
            await sim.simulator.advance(by: 100)
            #expect(try await client.status(taskID: id) == TaskStatus(taskID: id, status: .completed))
        }
    }

    @Test func cancelWhileRunningStopsTheTaskWithoutRefund() async throws {
        try await TestSupport.withSimulator { sim in
            let key = "sk-cancel-\(UUID().uuidString)"
            let client = sim.client(key: key)
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 30)
            #expect(try await client.status(taskID: submitted.taskID).status == .running)
            #expect(try await client.cancel(taskID: submitted.taskID).status == .cancelled)
            await sim.simulator.advance(by: 10_000)
            #expect(try await client.status(taskID: submitted.taskID).status == .cancelled)
            #expect(await sim.simulator.balance(forKey: key) == 100_000 - 900)
        }
    }

    @Test func terminalTasksCannotBeCancelled() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            await #expect(throws: MemoriesError.invalidRequest(message: "Task cannot be cancelled, current status: completed")) {
                _ = try await client.cancel(taskID: submitted.taskID)
            }
            let cancelled = try await client.submit(Fixtures.request())
            _ = try await client.cancel(taskID: cancelled.taskID)
            await #expect(throws: MemoriesError.invalidRequest(message: "Task cannot be cancelled, current status: cancelled")) {
                _ = try await client.cancel(taskID: cancelled.taskID)
            }
        }
    }

    @Test func injectedFailuresReportTheErrorCode() async throws {
        let failure = TaskFailureInjection(errorCode: "ASR_FAILED", errorMessage: "Speech recognition failed for episode", afterEpisodes: 1)
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(taskFailure: failure))) { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            let status = try await client.status(taskID: submitted.taskID)
            #expect(status.status == .failed)
            #expect(status.errorCode == "ASR_FAILED")
            #expect(status.errorMessage == "Speech recognition failed for episode 2 (re_657739295220518913)")
            #expect(status.progress == nil)
            await #expect(throws: MemoriesError.notCompleted(status: .failed, message: "Task is not completed yet, current status: failed")) {
                _ = try await client.download(taskID: submitted.taskID, to: TestSupport.temporaryDirectory().appendingPathComponent("f.zip"), maxBytes: 1 << 30)
            }
        }
    }

    @Test func faultsCanBeFlippedThroughTheAdminEndpoint() async throws {
        try await TestSupport.withSimulator { sim in
            var request = URLRequest(url: sim.rootURL.appendingPathComponent("_simulator/faults"))
            request.httpMethod = "PUT"
            request.httpBody = Data(#"{"server_error_next_requests": 1, "drop_callbacks": true}"#.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let faults = await sim.simulator.currentFaults()
            #expect(faults.serverErrorNextRequests == 1)
            #expect(faults.dropCallbacks)
            #expect(faults.rateLimitStyle == .http429)
        }
    }
}
