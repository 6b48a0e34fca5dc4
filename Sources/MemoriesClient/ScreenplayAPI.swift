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
    /// `POST /upload` (multipart, field `file`), streamed from disk; returns the asset id.
    func uploadAsset(file: URL, filename: String, contentType: String, progress: UploadProgress?) async throws -> String
    /// `POST /upload/signed-url`.
    func signedUpload(originalFilename: String) async throws -> SignedUpload
    /// The bytes to a signed URL (multipart POST, no Authorization).
    func upload(file: URL, filename: String, contentType: String, to signed: SignedUpload, progress: UploadProgress?) async throws
    /// `DELETE /{asset_id}`.
    func deleteAsset(assetID: String) async throws
}

extension ScreenplayAPI {
    // Test doubles that never upload need not implement these.
    public func uploadAsset(file: URL, filename: String, contentType: String, progress: UploadProgress?) async throws -> String {
        throw MemoriesError.invalidRequest(message: "uploads are not supported by this upstream")
    }

    public func signedUpload(originalFilename: String) async throws -> SignedUpload {
        throw MemoriesError.invalidRequest(message: "uploads are not supported by this upstream")
    }

    public func upload(file: URL, filename: String, contentType: String, to signed: SignedUpload, progress: UploadProgress?) async throws {
        throw MemoriesError.invalidRequest(message: "uploads are not supported by this upstream")
    }

    public func deleteAsset(assetID: String) async throws {
        throw MemoriesError.invalidRequest(message: "deleting assets is not supported by this upstream")
    }
}

extension ScreenplayAPI {
    /// Submits without recording attempts.
    public func submit(_ request: SubmitTaskRequest) async throws -> SubmittedTask {
        try await submit(request, attemptRecorder: nil)
    }
}
