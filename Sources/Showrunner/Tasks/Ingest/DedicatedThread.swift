import Foundation

/// Runs blocking work on a thread of its own and awaits its result.
///
/// For work that blocks for long stretches by design, such as the ingest's parser waiting for
/// the writer in a `BlockingHandOff`: on NIO's shared thread pool (two threads on two cores),
/// a few concurrent ingests would hold every thread and stall the file reads and password
/// hashes that share it.
enum DedicatedThread {
    static func run<Result: Sendable>(
        named name: String, _ body: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result { try body() })
            }
            thread.name = name
            thread.start()
        }
    }
}
