import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing

/// Each upstream failure reaches the caller as the right `MemoriesError`.
@Suite struct ClientErrorTests {
    /// Runs `body` and returns the `MemoriesError` it threw.
    func memoriesError(_ body: () async throws -> Void) async -> MemoriesError? {
        do {
            try await body()
            return nil
        } catch let error as MemoriesError {
            return error
        } catch {
            return nil
        }
    }

    func invalidMessage(_ error: MemoriesError?) -> String? {
        if case .invalidRequest(let message) = error { return message }
        return nil
    }

    @Test func wrongKeyIsUnauthorized() async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client(key: "not-a-key").status(taskID: "ros-sd-20260101-00000000") }
            #expect(error == .unauthorized(message: "Unauthorized"))
        }
    }

    @Test func unknownAssetIsAnInvalidRequestNamingTheAsset() async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request(episodes: ["1": "re_100000000000000001"])) }
            let message = try #require(invalidMessage(error))
            #expect(message.contains("re_100000000000000001"))
            #expect(message.contains("Asset not found"))
        }
    }

    @Test(arguments: [
        (DemoAssets.audioSample.assetID, "not a video"),
        (DemoAssets.imageSample.assetID, "not a video"),
        (DemoAssets.tooLongVideo.assetID, "longer than 5 minutes"),
        (DemoAssets.uploadingVideo.assetID, "not ready"),
    ])
    func unusableAssetsAreRejectedWithTheReason(assetID: String, reason: String) async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request(episodes: ["1": assetID])) }
            #expect(invalidMessage(error)?.contains(reason) == true)
        }
    }

    @Test func noOutputFlagIsRejected() async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request(json: false, xlsx: false, merged: false)) }
            #expect(invalidMessage(error)?.contains("require_json, require_xlsx, or require_merge_xlsx") == true)
        }
    }

    @Test(arguments: [ScreenplayMode.koreanDrama, .promptScript])
    func comingSoonModesAreRejected(mode: ScreenplayMode) async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request(mode: mode)) }
            #expect(invalidMessage(error)?.contains("coming soon") == true)
        }
    }

    @Test func submitWithoutWebhookIsRejectedAsDocumented() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(webhookURL: nil)) { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request()) }
            #expect(error == .invalidRequest(message: "An async request requires at least one webhook."))
        }
    }

    @Test func unknownTaskIsNotFound() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let status = await memoriesError { _ = try await client.status(taskID: "ros-sd-20260101-deadbeef") }
            #expect(status == .notFound(message: "Task not found for id: ros-sd-20260101-deadbeef"))
            let cancel = await memoriesError { _ = try await client.cancel(taskID: "ros-sd-20260101-deadbeef") }
            #expect(cancel == .notFound(message: "Task not found for id: ros-sd-20260101-deadbeef"))
        }
    }

    @Test func anotherAccountsTaskIsNotFound() async throws {
        try await TestSupport.withSimulator { sim in
            let submitted = try await sim.client().submit(Fixtures.request())
            let error = await memoriesError { _ = try await sim.client().status(taskID: submitted.taskID) }
            #expect(error == .notFound(message: "Task not found for id: \(submitted.taskID)"))
        }
    }

    @Test func downloadBeforeCompletionIsNotCompleted() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            let destination = TestSupport.temporaryDirectory().appendingPathComponent("early.zip")
            let error = await memoriesError { _ = try await client.download(taskID: submitted.taskID, to: destination, maxBytes: 1 << 30) }
            #expect(error == .notCompleted(status: .pending, message: "Task is not completed yet, current status: pending"))
            #expect(!FileManager.default.fileExists(atPath: destination.path))
        }
    }

    @Test func submitBeyondTheBalanceIsInsufficientBalance() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(initialBalanceCents: 500)) { sim in
            let error = await memoriesError { _ = try await sim.client().submit(Fixtures.request()) }
            guard case .insufficientBalance(let message) = error else {
                Issue.record("expected insufficientBalance, got \(String(describing: error))")
                return
            }
            #expect(message.contains("$9.00"))
            #expect(await sim.simulator.ledger().isEmpty)
        }
    }

    @Test func downloadWithAnEmptyBalanceIsInsufficientBalanceWithTheDocumentedMessage() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(initialBalanceCents: 900)) { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            let error = await memoriesError {
                _ = try await client.download(taskID: submitted.taskID, to: TestSupport.temporaryDirectory().appendingPathComponent("r.zip"), maxBytes: 1 << 30)
            }
            #expect(error == .insufficientBalance(message: "Insufficient balance to download the resource. Please recharge and try again."))
        }
    }

    @Test func emptyResultsAreNoResult() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(emptyResults: true))) { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            let error = await memoriesError {
                _ = try await client.download(taskID: submitted.taskID, to: TestSupport.temporaryDirectory().appendingPathComponent("r.zip"), maxBytes: 1 << 30)
            }
            #expect(error == .noResult(message: "No downloadable files found for this task."))
        }
    }

    @Test func downloadOverTheSizeLimitIsRefused() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 10_000)
            let destination = TestSupport.temporaryDirectory().appendingPathComponent("small.zip")
            let error = await memoriesError { _ = try await client.download(taskID: submitted.taskID, to: destination, maxBytes: 1_000) }
            guard case .downloadTooLarge(let limit, let actual) = error else {
                Issue.record("expected downloadTooLarge, got \(String(describing: error))")
                return
            }
            #expect(limit == 1_000)
            #expect(actual > 1_000)
            #expect(!FileManager.default.fileExists(atPath: destination.path))
        }
    }

    @Test func malformedJSONResponseIsMalformedAfterNoRetry() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(malformedNextResponses: 1))) { sim in
            let error = await memoriesError { _ = try await sim.client().assetMetadata(assetID: "re_657739295220518912") }
            guard case .malformedResponse = error else {
                Issue.record("expected malformedResponse, got \(String(describing: error))")
                return
            }
            #expect(await sim.simulator.requestCount(route: "GET /:asset_id/metadata") == 1)
        }
    }

    @Test func unknownAssetMetadataIsNotFound() async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().assetMetadata(assetID: "re_100000000000000002") }
            #expect(error == .notFound(message: "Asset not found"))
        }
    }

    @Test func idsThatWouldChangeThePathAreRefusedLocally() async throws {
        try await TestSupport.withSimulator { sim in
            let error = await memoriesError { _ = try await sim.client().status(taskID: "../admin") }
            #expect(error == .invalidRequest(message: "invalid id: ../admin"))
            #expect(await sim.simulator.requestCountsByRoute().isEmpty)
        }
    }
}
