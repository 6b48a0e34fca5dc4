import Foundation
import MemoriesClient
import MemoriesSimulator
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The asset endpoints of the client against the simulator over HTTP: direct and signed-URL
/// uploads streamed from disk, the WAITING → UPLOADING → SUCCESS states, download, delete,
/// and the refusals (wrong format, too large, no file field).
@Suite struct AssetUploadTests {
    static func file(_ name: String, bytes: Int) throws -> URL {
        let url = TestSupport.temporaryDirectory().appendingPathComponent(name)
        try Data((0..<bytes).map { UInt8($0 % 251) }).write(to: url)
        return url
    }

    static func status(_ client: MemoriesHTTPClient, _ assetID: String) async throws -> String? {
        try await client.assetMetadata(assetID: assetID).first?.uploadStatus
    }

    @Test func aDirectUploadBecomesAnAssetThatDownloadsTheSameBytes() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let source = try Self.file("EP01.mp4", bytes: 300_000)
            let progress = ProgressLog()
            let assetID = try await client.uploadAsset(file: source, filename: "EP01.mp4", contentType: "video/mp4") { sent, total in
                progress.record(sent, total)
            }
            #expect(assetID.hasPrefix("re_") && assetID.count == 21 && assetID.dropFirst(3).allSatisfy(\.isNumber))
            #expect(progress.last?.sent == progress.last?.total)
            #expect((progress.last?.total ?? 0) > 300_000)

            let metadata = try await client.assetMetadata(assetID: assetID).first
            #expect(metadata?.uploadStatus == "UPLOADING")
            #expect(metadata?.fileSize == "300000")
            #expect(metadata?.originalFilename == "EP01.mp4")
            #expect(metadata?.fileExtension == "mp4")
            #expect(metadata?.createTime.flatMap(Int64.init) != nil)
            await sim.simulator.advance(by: 5)
            #expect(try await Self.status(client, assetID) == "SUCCESS")

            let copy = TestSupport.temporaryDirectory().appendingPathComponent("copy.mp4")
            let downloaded = try await client.downloadAsset(assetID: assetID, to: copy, maxBytes: 1 << 20)
            #expect(downloaded.contentType == "video/mp4")
            #expect(try Data(contentsOf: copy) == Data(contentsOf: source))

            try await client.deleteAsset(assetID: assetID)
            await #expect(throws: MemoriesError.self) { try await client.assetMetadata(assetID: assetID) }
            await #expect(throws: MemoriesError.self) { try await client.deleteAsset(assetID: assetID) }
        }
    }

    @Test func theSignedURLFlowWaitsForItsBytes() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let signed = try await client.signedUpload(originalFilename: "第3集.mov")
            #expect(signed.expiresIn == 93_600)
            #expect(try await Self.status(client, signed.assetID) == "WAITING")
            let source = try Self.file("第3集.mov", bytes: 100_000)
            try await client.upload(file: source, filename: "第3集.mov", contentType: "video/quicktime", to: signed, progress: nil)
            #expect(try await Self.status(client, signed.assetID) == "UPLOADING")
            await sim.simulator.advance(by: 5)
            #expect(try await Self.status(client, signed.assetID) == "SUCCESS")
            // The URL is used up.
            await #expect(throws: MemoriesError.self) {
                try await client.upload(file: source, filename: "x.mov", contentType: "video/quicktime", to: signed, progress: nil)
            }
            await #expect(throws: MemoriesError.self) { try await client.signedUpload(originalFilename: "no-extension") }
        }
    }

    @Test func anUploadedVideoCanBeSubmittedAndOtherFilesFail() async throws {
        try await TestSupport.withSimulator { sim in
            let client = sim.client()
            let video = try await client.uploadAsset(file: try Self.file("e2.mp4", bytes: 50_000), filename: "e2.mp4", contentType: "video/mp4", progress: nil)
            let text = try await client.uploadAsset(file: try Self.file("notes.txt", bytes: 10), filename: "notes.txt", contentType: "text/plain", progress: nil)
            await sim.simulator.advance(by: 5)
            #expect(try await Self.status(client, text) == "FAILED")
            let task = try await client.submit(Fixtures.request(episodes: ["2": video]))
            #expect(!task.taskID.isEmpty)
        }
    }

    @Test func tooLargeAndMalformedUploadsAreRefusedAndLeaveNoFile() async throws {
        var configuration = TestSupport.configuration()
        configuration.maxUploadBytes = 10_000
        try await TestSupport.withSimulator(configuration) { sim in
            let client = sim.client()
            await #expect(throws: MemoriesError.self) {
                try await client.uploadAsset(file: try Self.file("big.mp4", bytes: 50_000), filename: "big.mp4", contentType: "video/mp4", progress: nil)
            }
            var request = URLRequest(url: sim.baseURL.appendingPathComponent("upload"))
            request.httpMethod = "POST"
            request.setValue("sk-test-raw", forHTTPHeaderField: "Authorization")
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(repeating: 1, count: 100)
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 400)
            #expect(String(decoding: body, as: UTF8.self).contains("multipart/form-data"))
            let uploads = sim.simulator.configuration.workDirectory.appendingPathComponent("uploads")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []).isEmpty)
        }
    }
}

/// The last progress report, from URLSession's thread.
final class ProgressLog: Sendable {
    private let storage = Mutex<(sent: Int64, total: Int64)?>(nil)
    func record(_ sent: Int64, _ total: Int64) { storage.withLock { $0 = (sent, total) } }
    var last: (sent: Int64, total: Int64)? { storage.withLock { $0 } }
}
