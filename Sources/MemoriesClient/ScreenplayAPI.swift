import Foundation

/// The seam the app depends on: the screenplay endpoints of memories.ai.
/// `MemoriesHTTPClient` is the real implementation; tests may substitute their own.
public protocol ScreenplayAPI: Sendable {
    /// `POST /screenplay/tasks`. `attemptRecorder` is called before every send (see `SubmitAttemptRecorder`).
    func submit(_ request: SubmitTaskRequest, attemptRecorder: SubmitAttemptRecorder?) async throws -> SubmittedTask
    /// `GET /screenplay/tasks/{id}`.
    func status(taskID: String) async throws -> TaskStatus
    /// `DELETE /screenplay/tasks/{id}`. Only pending or running tasks; the fee is not refunded.
    func cancel(taskID: String) async throws -> TaskStatus
    /// `GET /screenplay/tasks/{id}/download`, streamed to disk and moved to `destination`.
    /// Fails with `downloadTooLarge` past `maxBytes`. Each call may be billed: cache the file.
    func download(taskID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile
    /// `GET /{asset_id}/metadata`.
    func assetMetadata(assetID: String) async throws -> AssetMetadata
    /// `GET /{asset_id}/download`, streamed to disk like `download`. Billed per GB: cache it.
    func downloadAsset(assetID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile
}

extension ScreenplayAPI {
    /// Submits without recording attempts.
    public func submit(_ request: SubmitTaskRequest) async throws -> SubmittedTask {
        try await submit(request, attemptRecorder: nil)
    }
}
