import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing

/// A large result streams from the simulator's temp file to the client's file in chunks:
/// neither side holds it in memory (both run in this process, so one RSS covers both).
@Suite struct LargeDownloadTests {
    static let paddingBytes: Int64 = 300 << 20

    @Test(.enabled(if: ProcessMemory.residentBytes() != nil, "needs /proc"))
    func largeZipStreamsToDiskWithBoundedMemory() async throws {
        let faults = FaultSwitches(zipPaddingBytes: Self.paddingBytes)
        try await TestSupport.withSimulator(TestSupport.configuration(faults: faults)) { sim in
            let client = sim.client()
            let submitted = try await client.submit(Fixtures.request())
            await sim.simulator.advance(by: 100_000)
            let destination = TestSupport.temporaryDirectory().appendingPathComponent("large.zip")
            defer { try? FileManager.default.removeItem(at: destination.deletingLastPathComponent()) }

            let before = ProcessMemory.residentBytes() ?? 0
            let (file, peak) = try await MemorySampler.measuringPeak {
                try await client.download(taskID: submitted.taskID, to: destination, maxBytes: 1 << 30)
            }
            let growth = peak - before
            #expect(file.byteCount > Self.paddingBytes)
            let attributes = try FileManager.default.attributesOfItem(atPath: destination.path)
            #expect((attributes[.size] as? NSNumber)?.int64Value == file.byteCount)
            // Under the file's size: a whole-file buffer anywhere would add at least all of it.
            // Other suites (ingest, storyboards) run in parallel in this process and add their
            // own allocations to the RSS — measured up to 160 MiB in CI — hence three quarters
            // of the file rather than a tighter bound.
            #expect(growth < file.byteCount * 3 / 4, "resident memory grew by \(growth / (1 << 20)) MiB for a \(file.byteCount / (1 << 20)) MiB download")
            print("large download: \(file.byteCount / (1 << 20)) MiB, RSS before \(before / (1 << 20)) MiB, peak \(peak / (1 << 20)) MiB, growth \(growth / (1 << 20)) MiB")
        }
    }
}
