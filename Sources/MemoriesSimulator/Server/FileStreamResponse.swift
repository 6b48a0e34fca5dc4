import Foundation
import Hummingbird
import NIOCore

/// A file on disk as a response body, read in chunks as the client takes them.
enum FileStreamResponse {
    static let chunkBytes = 256 * 1024

    /// The first `length` bytes of `file`; `finished` runs once the body is written or abandoned.
    static func body(file: URL, length: Int64, finished: @escaping @Sendable () -> Void = {}) -> ResponseBody {
        ResponseBody(contentLength: Int(length)) { writer in
            defer { finished() }
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var remaining = length
            while remaining > 0 {
                let count = Int(min(Int64(chunkBytes), remaining))
                guard let chunk = try handle.read(upToCount: count), !chunk.isEmpty else { break }
                try await writer.write(ByteBuffer(bytes: chunk))
                remaining -= Int64(chunk.count)
            }
            try await writer.finish(nil)
        }
    }

    static func size(of file: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// An asset download: the whole file as an attachment.
    static func make(file: URL, contentType: String, attachmentName: String) throws -> Response {
        let safeName = attachmentName.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(safeName)\""],
            body: body(file: file, length: try size(of: file))
        )
    }
}
