import Foundation

/// One entry's uncompressed bytes as an async sequence of chunks (each at most
/// `ArchiveLimits.chunkBytes`), for streaming a workbook out of the kept zip:
///
/// ```swift
/// let stream = try archive.chunks(ofEntryNamed: "3.xlsx")
/// for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
/// ```
///
/// Iterating starts a thread that inflates ahead by a few chunks at most; leaving the loop
/// early or cancelling the task stops it. The archive's checks (limits, size, CRC) apply:
/// a damaged entry ends the sequence with a `ResultArchiveError` after the bytes already sent.
public struct ArchiveEntryStream: AsyncSequence, Sendable {
    public typealias Element = Data

    let archive: ResultArchive
    public let entry: ArchiveEntry

    public func makeAsyncIterator() -> Iterator {
        let pipe = ChunkPipe()
        let archive = self.archive
        let entry = self.entry
        Thread.detachNewThread {
            do {
                try archive.readChunks(of: entry) { chunk in try pipe.send(chunk) }
                pipe.finish(throwing: nil)
            } catch {
                pipe.finish(throwing: error)
            }
        }
        return Iterator(lifetime: PipeLifetime(pipe: pipe))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let lifetime: PipeLifetime

        public mutating func next() async throws -> Data? {
            try await lifetime.pipe.next()
        }
    }

    /// Cancels the producer when the last copy of the iterator goes away (a `break` out of the loop).
    final class PipeLifetime: Sendable {
        let pipe: ChunkPipe

        init(pipe: ChunkPipe) {
            self.pipe = pipe
        }

        deinit {
            pipe.cancel()
        }
    }
}
