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
