import Foundation
import MemoriesClient
import Showrunner
import Synchronization

/// An upstream whose only working call is the asset download: it writes `size` bytes of a
/// known pattern (byte i is i % 251) and counts the calls, since each one would be billed.
final class VideoUpstream: ScreenplayAPI, Sendable {
    let size: Int
    let failure: MemoriesError?
    private let calls = Mutex(0)

    init(size: Int = 1 << 20, failure: MemoriesError? = nil) {
        self.size = size
        self.failure = failure
    }

    var downloadCount: Int { calls.withLock { $0 } }

    var upstream: Upstream {
        Upstream(mode: .externalSimulator(baseURL: URL(string: "http://127.0.0.1:9/serve/api/v2") ?? URL(fileURLWithPath: "/"))) { _ in self }
    }

    static func byte(at index: Int) -> UInt8 { UInt8(index % 251) }

    static func bytes(_ range: ClosedRange<Int>) -> [UInt8] { range.map(byte(at:)) }

    func downloadAsset(assetID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile {
        calls.withLock { $0 += 1 }
        if let failure { throw failure }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.bytes(0...(size - 1))).write(to: destination)
        return DownloadedFile(url: destination, byteCount: Int64(size), suggestedFilename: "ep.mp4", contentType: "video/mp4")
    }

    func submit(_ request: SubmitTaskRequest, attemptRecorder: SubmitAttemptRecorder?) async throws -> SubmittedTask { throw FailingUpstream.error }
    func status(taskID: String) async throws -> TaskStatus { throw FailingUpstream.error }
    func cancel(taskID: String) async throws -> TaskStatus { throw FailingUpstream.error }
    func download(taskID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile { throw FailingUpstream.error }
    func assetMetadata(assetID: String) async throws -> AssetMetadata { throw FailingUpstream.error }
}
