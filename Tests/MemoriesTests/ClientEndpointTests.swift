import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing

@Suite struct ClientEndpointTests {
    @Test func submitReturnsPendingTaskWithDocumentedFields() async throws {
        try await TestSupport.withSimulator { sim in
            let submitted = try await sim.client().submit(Fixtures.request())
            #expect(submitted.status == .pending)
            #expect(submitted.mode == "short_drama")
            #expect(submitted.totalDurationSeconds == 450.5)
            #expect(submitted.taskID.wholeMatch(of: /ros-sd-\d{8}-[0-9a-f]{8}/) != nil)
            #expect(submitted.createdAt.hasSuffix("Z"))
        }
    }

    @Test func submitChargesOneDollarPerStartedMinutePerEpisode() async throws {
        try await TestSupport.withSimulator { sim in
            let key = "sk-ledger-\(UUID().uuidString)"
            let submitted = try await sim.client(key: key).submit(Fixtures.request())
            let ledger = await sim.simulator.ledger()
            // 151.2 s, 148.7 s and 150.6 s each round up to 3 minutes.
            #expect(ledger.map(\.amountCents) == [900])
            #expect(ledger.first?.taskID == submitted.taskID)
            #expect(await sim.simulator.balance(forKey: key) == 100_000 - 900)
        }
    }

    @Test func statusOfAFreshTaskIsPending() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            let status = try await client.status(taskID: submitted.taskID)
            #expect(status == TaskStatus(taskID: submitted.taskID, status: .pending))
        }
    }

    @Test func cancelAPendingTask() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            let cancelled = try await client.cancel(taskID: submitted.taskID)
            #expect(cancelled.status == .cancelled)
            #expect(try await client.status(taskID: submitted.taskID).status == .cancelled)
        }
    }

    @Test func assetMetadataOfAVendorSample() async throws {
        try await TestSupport.withSimulator { sim in
            let metadata = try await sim.client().assetMetadata(assetID: "re_657739295220518912")
            #expect(metadata.total == 1)
            let resource = try #require(metadata.first)
            #expect(resource.assetID == "re_657739295220518912")
            #expect(resource.isReady)
            #expect(resource.fileExtension == "mp4")
            #expect((resource.fileSizeBytes ?? 0) > 0)
            // Upstream's ids are snowflakes with a 2021 epoch; the creation time is in the id.
            #expect(resource.createTime == "1766276468185")
        }
    }

    @Test func downloadOfACompletedTaskSavesTheZip() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request(json: true, xlsx: true, merged: true))
            await sim.simulator.advance(by: 10_000)
            #expect(try await client.status(taskID: submitted.taskID).status == .completed)
            let destination = TestSupport.temporaryDirectory().appendingPathComponent("result.zip")
            let file = try await client.download(taskID: submitted.taskID, to: destination, maxBytes: 50 << 20)
            #expect(file.url == destination)
            #expect(file.suggestedFilename == "\(submitted.taskID).zip")
            #expect(file.byteCount > 1_000)
            #expect(FileManager.default.fileExists(atPath: destination.path))
            let names = try ZipInspector.entryNames(destination)
            #expect(names.contains("1_storyboard.json"))
            #expect(names.contains("merged.xlsx"))
        }
    }
}
