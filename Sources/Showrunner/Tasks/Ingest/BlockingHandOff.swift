import Foundation

/// A bounded queue between two threads that may both block: the ingest's parser on its own
/// thread and its writer inside a GRDB write transaction, so each episode is written
/// while the next one is decoded (on 2 cores, parsing then costs no wall time).
///
/// The producer blocks while `capacity` elements wait, which also bounds the memory held by
/// parsed episodes. `cancel()` (the consumer gave up) makes the producer's next `send` throw.
final class BlockingHandOff<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var buffered: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    // MARK: Producer side

    func send(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, buffered.count >= capacity {
            condition.wait()
        }
        if cancelled { throw CancellationError() }
        buffered.append(element)
        condition.broadcast()
    }

    /// Ends the stream: the consumer gets the remaining elements, then nil, or `error`.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        guard !finished else { return }
        finished = true
        failure = error
        condition.broadcast()
    }

    // MARK: Consumer side

    /// The next element, waiting for it; nil once the producer finished, or its error.
    func next() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while buffered.isEmpty, !finished {
            condition.wait()
        }
        if !buffered.isEmpty {
            let element = buffered.removeFirst()
            condition.broadcast()
            return element
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops listening: the producer's next `send` throws.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        buffered.removeAll()
        condition.broadcast()
    }
}
