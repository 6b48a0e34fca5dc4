import Foundation
import Hummingbird
import Logging
import NIOCore

/// Builds a task's zip in a temporary file and streams it in chunks, deleting the file
/// once sent: a large result never sits in memory.
enum ZipResponse {
    static let chunkBytes = 256 * 1024

    static func make(spec: ResultPackageSpec, workDirectory: URL, logger: Logger) async throws -> Response {
        // Zip assembly is blocking file work: keep it off the server's event loops.
        let file = try await Task.detached(priority: .medium) {
            try ResultPackageBuilder.build(spec, in: workDirectory)
        }.value
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        // Fault switch: send only the first half, with a Content-Length that matches it.
        let length = spec.truncate ? size / 2 : size
        logger.info("serving result zip", metadata: ["task": "\(spec.taskID)", "bytes": "\(length)"])

        let body = ResponseBody(contentLength: Int(length)) { writer in
            defer { try? FileManager.default.removeItem(at: file) }
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
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"\(spec.taskID).zip\"",
            ],
            body: body
        )
    }
}
