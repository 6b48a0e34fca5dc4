import Foundation
import Hummingbird
import NIOCore

/// A file on disk as a response body, read in chunks as the client takes them.
enum FileStreamResponse {
    static let chunkBytes = 256 * 1024

    static func make(file: URL, contentType: String, attachmentName: String) throws -> Response {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let body = ResponseBody(contentLength: Int(size)) { writer in
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var remaining = size
            while remaining > 0 {
                let count = Int(min(Int64(chunkBytes), remaining))
                guard let chunk = try handle.read(upToCount: count), !chunk.isEmpty else { break }
                try await writer.write(ByteBuffer(bytes: chunk))
                remaining -= Int64(chunk.count)
            }
            try await writer.finish(nil)
        }
        let safeName = attachmentName.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(safeName)\""],
            body: body
        )
    }
}
