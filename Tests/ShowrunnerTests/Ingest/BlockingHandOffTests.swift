import Foundation
@testable import Showrunner
import Testing

/// The ingest's parser and writer meet in a `BlockingHandOff`: elements arrive in order, the
/// producer's error reaches the consumer, and a consumer that gives up never leaves the
/// producer blocked (which would hold a thread-pool thread, and the zip, forever).
@Suite struct BlockingHandOffTests {
    /// Starts `produce` on a thread of its own now (the test's own thread blocks in `next()`,
    /// so it may not wait for an executor); awaiting `finished()` waits for it to return.
    struct Producer {
        let group = DispatchGroup()

        init(_ produce: @escaping @Sendable () -> Void) {
            group.enter()
            Thread.detachNewThread { [group] in
                produce()
                group.leave()
            }
        }

        func finished() async {
            await withCheckedContinuation { continuation in
                group.notify(queue: .global()) { continuation.resume() }
            }
        }
    }

    @Test func elementsArriveInOrderThroughASmallBuffer() async throws {
        let handOff = BlockingHandOff<Int>(capacity: 2)
        let producing = Producer {
            for value in 1...50 { try? handOff.send(value) }
            handOff.finish()
        }
        var received: [Int] = []
        while let value = try handOff.next() { received.append(value) }
        await producing.finished()
        #expect(received == Array(1...50))
    }

    @Test func theProducersErrorReachesTheConsumerAfterWhatWasSent() async throws {
        struct Broken: Error {}
        let handOff = BlockingHandOff<Int>(capacity: 4)
        let producing = Producer {
            try? handOff.send(1)
            handOff.finish(throwing: Broken())
        }
        #expect(try handOff.next() == 1)
        #expect(throws: Broken.self) { try handOff.next() }
        await producing.finished()
    }

    @Test func aConsumerThatGivesUpReleasesABlockedProducer() async throws {
        let handOff = BlockingHandOff<Int>(capacity: 1)
        let outcome = Outcome()
        let producing = Producer {
            do {
                for value in 1...1_000 { try handOff.send(value) }
                outcome.set("sent everything")
            } catch {
                outcome.set("\(type(of: error))")
            }
        }
        #expect(try handOff.next() == 1)
        handOff.cancel()
        await producing.finished()
        #expect(outcome.value == "CancellationError")
    }

    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = ""
        var value: String { lock.withLock { stored } }
        func set(_ value: String) { lock.withLock { stored = value } }
    }
}
