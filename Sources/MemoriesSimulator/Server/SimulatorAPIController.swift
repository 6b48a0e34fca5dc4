import Foundation
import Hummingbird
import Logging
import NIOCore

/// The simulated upstream API under the path prefix: the four screenplay endpoints and
/// asset metadata. Every answer is an envelope with HTTP status == `code`, except a
/// successful download, which is a zip stream.
struct SimulatorAPIController: Sendable {
    let simulator: Simulator

    func addRoutes(to router: Router<BasicRequestContext>) {
        let prefix = simulator.configuration.pathPrefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let api = router.group(RouterPath(prefix))
        api.post("screenplay/tasks", use: submit)
        api.get("screenplay/tasks/:task_id", use: status)
        api.delete("screenplay/tasks/:task_id", use: cancel)
        api.get("screenplay/tasks/:task_id/download", use: download)
        api.get(":asset_id/metadata", use: metadata)
        api.get(":asset_id/download", use: downloadAsset)
        api.delete(":asset_id", use: deleteAsset)
        api.post("upload", use: upload)
        api.post("upload/signed-url", use: signedURL)
        // Where signed URLs point: no Authorization, like a storage bucket's upload URL.
        router.post("_simulator/signed-upload/:token", use: signedUploadBytes)
    }

    /// `POST /upload`: multipart, field `file`, streamed to the work directory.
    @Sendable func upload(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await admittedResponse(request, route: "POST /upload") { apiKey in
            try await receive(request, assetID: nil, apiKey: apiKey)
        }
    }

    @Sendable func signedURL(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 10)
        let host = request.head.authority.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        return try await admitted(request, route: "POST /upload/signed-url") { key in
            await simulator.createSignedUpload(apiKey: key, body: Data(body.readableBytesView), baseURL: "http://\(host)")
        }
    }

    @Sendable func signedUploadBytes(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let upload = await simulator.signedUpload(token: token) else {
            return Self.json(.error(403, "The signed URL is invalid or was already used."))
        }
        return try await receive(request, assetID: upload.assetID, apiKey: upload.accountKey)
    }

    @Sendable func deleteAsset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let assetID = try context.parameters.require("asset_id")
        return try await admitted(request, route: "DELETE /:asset_id") { key in
            await simulator.deleteAsset(apiKey: key, assetID: assetID)
        }
    }

    /// Streams a multipart body to disk and records it (size-limited; a broken transfer leaves nothing).
    private func receive(_ request: Request, assetID: String?, apiKey: String) async throws -> Response {
        let limit = simulator.configuration.maxUploadBytes
        if let length = request.headers[.contentLength].flatMap(Int64.init), length > limit + 64 * 1024 {
            return Self.json(.error(413, "The file is larger than \(limit) bytes."))
        }
        let folder = simulator.configuration.workDirectory.appendingPathComponent("uploads", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(UUID().uuidString.lowercased())
        let received: MultipartFileReceiver.Received
        do {
            received = try await MultipartFileReceiver(fieldName: "file", maxBytes: limit)
                .receive(request.body, contentType: request.headers[.contentType], to: file)
        } catch let failure as MultipartFileReceiver.Failure {
            try? FileManager.default.removeItem(at: file)
            switch failure {
            case .tooLarge: return Self.json(.error(413, "The file is larger than \(limit) bytes."))
            case .notMultipart, .missingFileField: return Self.json(.error(400, "Send multipart/form-data with the file in the field \"file\"."))
            case .truncated: return Self.json(.error(400, "The upload ended before the file did."))
            }
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let duration = await Task.detached { MediaProbe.duration(of: file) }.value
        let reply = await simulator.completeUpload(
            assetID: assetID, apiKey: apiKey, file: file, filename: received.filename, contentType: received.contentType,
            byteCount: received.byteCount, durationSeconds: duration)
        if reply.status != 200 { try? FileManager.default.removeItem(at: file) }
        return Self.json(reply)
    }

    @Sendable func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 4 << 20)
        return try await admitted(request, route: "POST /screenplay/tasks") { key in
            await simulator.submit(apiKey: key, body: Data(body.readableBytesView))
        }
    }

    @Sendable func status(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let taskID = try context.parameters.require("task_id")
        return try await admitted(request, route: "GET /screenplay/tasks/:id") { key in
            await simulator.status(apiKey: key, taskID: taskID)
        }
    }

    @Sendable func cancel(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let taskID = try context.parameters.require("task_id")
        return try await admitted(request, route: "DELETE /screenplay/tasks/:id") { key in
            await simulator.cancel(apiKey: key, taskID: taskID)
        }
    }

    @Sendable func metadata(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let assetID = try context.parameters.require("asset_id")
        return try await admitted(request, route: "GET /:asset_id/metadata") { _ in
            await simulator.metadata(assetID: assetID)
        }
    }

    /// `GET /{asset_id}/download`: the asset's bytes (`Content-Disposition: attachment`), or
    /// a JSON error envelope.
    @Sendable func downloadAsset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let assetID = try context.parameters.require("asset_id")
        return try await admittedResponse(request, route: "GET /:asset_id/download") { _ in
            if let uploaded = await simulator.uploadedFile(assetID: assetID) {
                return try FileStreamResponse.make(file: uploaded.url, contentType: uploaded.contentType, attachmentName: uploaded.filename)
            }
            switch await simulator.assetFiles.file(for: assetID) {
            case .notFound:
                return Self.json(.assetNotFound)
            case .unavailable(let message):
                return Self.json(.error(404, message))
            case .file(let url, let contentType, let filename):
                return try FileStreamResponse.make(file: url, contentType: contentType, attachmentName: filename)
            }
        }
    }

    @Sendable func download(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let taskID = try context.parameters.require("task_id")
        return try await admittedResponse(request, route: "GET /screenplay/tasks/:id/download") { apiKey in
            switch await simulator.prepareDownload(apiKey: apiKey, taskID: taskID) {
            case .reply(let reply):
                return Self.json(reply)
            case .build(let spec):
                return try await ZipResponse.make(spec: spec, workDirectory: simulator.configuration.workDirectory, logger: context.logger)
            }
        }
    }

    /// Runs admission and then a handler that answers with an envelope.
    private func admitted(
        _ request: Request,
        route: String,
        handler: (String) async -> APIReply
    ) async throws -> Response {
        try await admittedResponse(request, route: route) { apiKey in Self.json(await handler(apiKey)) }
    }

    /// Runs admission (auth, faults, rate limit, delay) and then the handler with the caller's key.
    private func admittedResponse(
        _ request: Request,
        route: String,
        handler: (String) async throws -> Response
    ) async throws -> Response {
        let apiKey = request.headers[.authorization]
        // The rate limit counts arrivals, not the moment the simulator's actor gets to them.
        let arrivedAt = ContinuousClock.now
        switch await simulator.admit(route: route, apiKey: apiKey, arrivedAt: arrivedAt) {
        case .reply(let reply, let delay):
            try await Task.sleep(for: delay)
            return Self.json(reply)
        case .malformed(let delay):
            try await Task.sleep(for: delay)
            return Self.malformed()
        case .proceed(let delay):
            try await Task.sleep(for: delay)
            guard let apiKey else { return Self.json(.unauthorized) }
            return try await handler(apiKey)
        }
    }

    static func json(_ reply: APIReply) -> Response {
        Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
    }

    /// What a misbehaving proxy might send: 200 with an HTML error page.
    static func malformed() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>502 Bad Gateway</body></html>"))
        )
    }
}
