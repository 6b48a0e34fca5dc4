import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a finished download task left behind.
struct DownloadOutcome: Sendable {
    var status: Int
    var contentType: String?
    var contentLength: Int64?
    var contentDisposition: String?
    /// The body, moved out of URLSession's temporary location.
    var file: URL
}

/// Bridges one URLSession download task to async/await while enforcing a size limit
/// as bytes arrive (URLSession has no limit of its own): the task is cancelled as soon as
/// `Content-Length` or the bytes written exceed `maxBytes`.
final class DownloadDelegate: NSObject, URLSessionDownloadDelegate, Sendable {
    private struct State {
        var continuation: CheckedContinuation<DownloadOutcome, any Error>?
        var outcome: DownloadOutcome?
        var oversize: Int64?
        var moveError: (any Error)?
    }

    let maxBytes: Int64
    /// Where the body is moved when the task finishes (URLSession deletes its own copy).
    let stagingFile: URL
    private let state = Mutex(State())

    init(maxBytes: Int64, stagingFile: URL) {
        self.maxBytes = maxBytes
        self.stagingFile = stagingFile
    }

    /// Runs the task, the only one of `session`. Stopping goes through the session, never
    /// `task.cancel()`: FoundationNetworking traps when a task is cancelled just after it
    /// finished (it is gone from the session's registry), while invalidating the session only
    /// cancels the tasks still registered.
    func start(_ task: URLSessionDownloadTask, in session: URLSession) async throws -> DownloadOutcome {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                state.withLock { $0.continuation = continuation }
                task.resume()
            }
        } onCancel: {
            session.invalidateAndCancel()
        }
    }

    func urlSession(
        _ session: URLSession,
        downloadTask: URLSessionDownloadTask,
        didWriteData bytesWritten: Int64,
        totalBytesWritten: Int64,
        totalBytesExpectedToWrite: Int64
    ) {
        let seen = max(totalBytesWritten, totalBytesExpectedToWrite)
        guard seen > maxBytes else { return }
        let alreadyFlagged = state.withLock { state -> Bool in
            defer { state.oversize = max(state.oversize ?? 0, seen) }
            return state.oversize != nil
        }
        if !alreadyFlagged {
            session.invalidateAndCancel()
        }
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        let http = downloadTask.response as? HTTPURLResponse
        do {
            try? FileManager.default.removeItem(at: stagingFile)
            try FileManager.default.moveItem(at: location, to: stagingFile)
            let outcome = DownloadOutcome(
                status: http?.statusCode ?? 0,
                contentType: http?.value(forHTTPHeaderField: "Content-Type"),
                contentLength: http?.value(forHTTPHeaderField: "Content-Length").flatMap { Int64($0) },
                contentDisposition: http?.value(forHTTPHeaderField: "Content-Disposition"),
                file: stagingFile
            )
            state.withLock { $0.outcome = outcome }
        } catch {
            state.withLock { $0.moveError = error }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = state.withLock { state -> (CheckedContinuation<DownloadOutcome, any Error>?, Result<DownloadOutcome, any Error>) in
            let continuation = state.continuation
            state.continuation = nil
            if let oversize = state.oversize {
                return (continuation, .failure(MemoriesError.downloadTooLarge(limitBytes: maxBytes, actualBytes: oversize)))
            }
            if let error {
                return (continuation, .failure(TransportFailure(error)))
            }
            if let moveError = state.moveError {
                return (continuation, .failure(MemoriesError.network(reason: "could not keep the downloaded file: \(moveError)")))
            }
            guard let outcome = state.outcome else {
                return (continuation, .failure(TransportFailure.interrupted("download finished without a file")))
            }
            return (continuation, .success(outcome))
        }
        continuation?.resume(with: result)
    }
}
