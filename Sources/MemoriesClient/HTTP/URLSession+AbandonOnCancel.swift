import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLSession {
    /// `data(for:)` whose cancellation never blocks the cancelling thread.
    ///
    /// swift-corelibs-foundation's async `data(for:)` cancels its URLSession task with a
    /// `queue.sync` from inside the Swift task's cancellation handler, that is while the task's
    /// status lock is held; another thread of the same request waits on that queue for the
    /// lock, and both stop for good (seen at shutdown, when service lifecycle cancels a request
    /// in flight, and in the test suite). Cancelling the URLSession task from elsewhere is no
    /// way out either: FoundationNetworking traps when a task is cancelled just after it
    /// finished. So a cancelled call returns at once with `URLError(.cancelled)` and the
    /// request is left to end on its own, bounded by the session's timeouts.
    public func dataAbandoningOnCancel(for request: URLRequest) async throws -> (Data, URLResponse) {
        let slot = ContinuationSlot()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard slot.install(continuation) else { return }
                let task = self.dataTask(with: request) { data, response, error in
                    if let error {
                        slot.finish(.failure(error))
                    } else if let response {
                        slot.finish(.success((data ?? Data(), response)))
                    } else {
                        slot.finish(.failure(URLError(.badServerResponse)))
                    }
                }
                task.resume()
            }
        } onCancel: {
            slot.cancel()
        }
    }
}

/// The one continuation of a request, resumed by whichever comes first: the response or the
/// cancellation.
private final class ContinuationSlot: Sendable {
    private struct State {
        var continuation: CheckedContinuation<(Data, URLResponse), any Error>?
        var cancelled = false
    }

    private let state = Mutex(State())

    /// False (and the continuation already resumed) when the call was cancelled before it started.
    func install(_ continuation: CheckedContinuation<(Data, URLResponse), any Error>) -> Bool {
        let cancelled = state.withLock { state in
            if !state.cancelled { state.continuation = continuation }
            return state.cancelled
        }
        if cancelled { continuation.resume(throwing: URLError(.cancelled)) }
        return !cancelled
    }

    func finish(_ result: Result<(Data, URLResponse), any Error>) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(with: result)
    }

    /// Resumes now with `URLError(.cancelled)`, or makes `install` do so.
    func cancel() {
        state.withLock { $0.cancelled = true }
        finish(.failure(URLError(.cancelled)))
    }
}
