import Foundation

/// A bounded hand-over from a blocking producer thread to an async consumer.
///
/// The producer (an inflater running on its own thread) blocks while `capacity` chunks are
/// waiting, so a slow download holds at most `capacity` × 64 KB in memory. Cancelling (or
/// dropping the consumer) makes the producer's next `send` throw, which stops the inflater.
final class ChunkPipe: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var buffered: [Data] = []
    private var waiting: CheckedContinuation<Data?, any Error>?
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int = 4) {
        self.capacity = max(1, capacity)
    }

    // MARK: Producer side (a dedicated thread: it may block)

    func send(_ chunk: Data) throws {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, waiting == nil, buffered.count >= capacity {
            condition.wait()
        }
        if cancelled { throw CancellationError() }
        if let waiting {
            self.waiting = nil
            waiting.resume(returning: chunk)
        } else {
            buffered.append(chunk)
        }
    }

    func finish(throwing error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        if let waiting {
            self.waiting = nil
            resumeAtEnd(waiting)
        }
    }

    // MARK: Consumer side (async)

    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data?, any Error>) in
                condition.lock()
                defer { condition.unlock() }
                if cancelled {
                    continuation.resume(throwing: CancellationError())
                } else if !buffered.isEmpty {
                    continuation.resume(returning: buffered.removeFirst())
                    condition.signal()
                } else if finished {
                    resumeAtEnd(continuation)
                } else {
                    waiting = continuation
                }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops the producer and fails a pending `next()`; safe to call more than once.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        buffered.removeAll()
        if let waiting {
            self.waiting = nil
            waiting.resume(throwing: CancellationError())
        }
        condition.broadcast()
    }

    /// The error once, then the end of the sequence. Called with the lock held.
    private func resumeAtEnd(_ continuation: CheckedContinuation<Data?, any Error>) {
        if let failure {
            self.failure = nil
            continuation.resume(throwing: failure)
        } else {
            continuation.resume(returning: nil)
        }
    }
}
