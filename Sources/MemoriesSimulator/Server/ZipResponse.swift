import Foundation
import Hummingbird
import Logging
import NIOCore

/// Builds a task's zip in a temporary file and streams it in chunks, deleting the file
/// once sent: a large result never sits in memory.
enum ZipResponse {
    static func make(spec: ResultPackageSpec, workDirectory: URL, logger: Logger) async throws -> Response {
        // Zip assembly is blocking file work: keep it off the server's event loops.
        let file = try await Task.detached(priority: .medium) {
            try ResultPackageBuilder.build(spec, in: workDirectory)
        }.value
        let size = try FileStreamResponse.size(of: file)
        // Fault switch: send only the first half, with a Content-Length that matches it.
        let length = spec.truncate ? size / 2 : size
        logger.info("serving result zip", metadata: ["task": "\(spec.taskID)", "bytes": "\(length)"])
        let body = FileStreamResponse.body(file: file, length: length) { try? FileManager.default.removeItem(at: file) }
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
