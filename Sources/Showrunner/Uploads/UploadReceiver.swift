import Foundation
import Hummingbird
import NIOCore

/// Streams a request body straight to a file in the uploads folder: never held in memory,
/// refused past the size limit, and removed unless every declared byte arrived.
struct UploadReceiver: Sendable {
    enum Failure: Error, Equatable {
        /// Without `Content-Length` an interrupted upload cannot be told from a finished one.
        case lengthRequired
        case tooLarge(limit: Int64)
        /// The connection ended before `Content-Length` bytes arrived.
        case truncated(received: Int64, expected: Int64)
    }

    let directory: URL
    let maxBytes: Int64

    /// Where bodies are written while they arrive; anything of this shape left behind by a
    /// killed process is debris (`UploadForwarder` sweeps it).
    static let partialPrefix = ".incoming-"

    /// Writes the body to a new file and returns its name in `directory` and its size.
    func receive(
        _ body: some AsyncSequence<ByteBuffer, any Error>, declaredLength: Int64?, fileExtension: String, context: some RequestContext
    ) async throws -> (fileName: String, byteCount: Int64) {
        guard let declaredLength, declaredLength >= 0 else { throw Failure.lengthRequired }
        guard declaredLength <= maxBytes else { throw Failure.tooLarge(limit: maxBytes) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = UUID().uuidString.lowercased()
        let partial = directory.appendingPathComponent(Self.partialPrefix + name + ".part")
        let fileName = "\(name).\(fileExtension)"
        do {
            // The limit is enforced on the bytes too: a client may send more than it declared.
            try await FileIO().writeFile(contents: SizeLimitedBody(base: body, limit: declaredLength), path: partial.path, context: context)
            let received = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int64) ?? -1
            guard received == declaredLength else { throw Failure.truncated(received: max(received, 0), expected: declaredLength) }
            try FileManager.default.moveItem(at: partial, to: directory.appendingPathComponent(fileName))
            return (fileName, received)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            if error is BodyLimitExceeded { throw Failure.tooLarge(limit: maxBytes) }
            throw error
        }
    }
}

/// A body that throws once more than `limit` bytes arrive.
struct SizeLimitedBody<Base: AsyncSequence<ByteBuffer, any Error>>: AsyncSequence {
    typealias Element = ByteBuffer

    let base: Base
    let limit: Int64

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int64
        var count: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            count += Int64(buffer.readableBytes)
            if count > limit { throw BodyLimitExceeded() }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit)
    }
}

struct BodyLimitExceeded: Error {}
