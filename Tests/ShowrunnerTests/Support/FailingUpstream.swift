import Foundation
import MemoriesClient
import Showrunner

/// An upstream that fails every call: tests that do not expect upstream traffic use it, so an
/// unexpected call shows up as a failure instead of reaching a network.
struct FailingUpstream: ScreenplayAPI {
    static let upstream = Upstream(
        mode: .externalSimulator(baseURL: URL(string: "http://127.0.0.1:9/serve/api/v2") ?? URL(fileURLWithPath: "/"))
    ) { _ in FailingUpstream() }

    static let error = MemoriesError.network(reason: "no upstream in this test")

    func submit(_ request: SubmitTaskRequest, attemptRecorder: SubmitAttemptRecorder?) async throws -> SubmittedTask { throw Self.error }
    func status(taskID: String) async throws -> TaskStatus { throw Self.error }
    func cancel(taskID: String) async throws -> TaskStatus { throw Self.error }
    func download(taskID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile { throw Self.error }
    func assetMetadata(assetID: String) async throws -> AssetMetadata { throw Self.error }
    func downloadAsset(assetID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile { throw Self.error }
}
