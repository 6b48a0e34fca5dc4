import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `Public/openapi.json`, the description of `/api/v1`, read once at start-up. The API's
/// routes are made from its operations (see `APIHandlers`), and `/openapi.json` serves it.
struct OpenAPIDocument: Sendable {
    struct Operation: Sendable, Hashable {
        var method: HTTPRequest.Method
        /// As written in the document, e.g. `/dramas/{drama_id}/tasks`.
        var path: String
        var operationId: String

        /// The Hummingbird route pattern: `{drama_id}` becomes `:drama_id`.
        var routerPath: String {
            path.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
            }.joined(separator: "/")
        }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    let bytes: [UInt8]
    let operations: [Operation]

    static let fileName = "openapi.json"

    init(publicDirectory: URL) throws {
        let url = publicDirectory.appendingPathComponent(Self.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem(description: "The API description \(url.path) is missing.")
        }
        try self.init(data: data)
    }

    init(data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any], let paths = root["paths"] as? [String: Any] else {
            throw Problem(description: "openapi.json has no paths.")
        }
        var operations: [Operation] = []
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for (method, value) in item {
                guard let parsed = HTTPRequest.Method(method.uppercased()), ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(parsed.rawValue) else {
                    continue
                }
                guard let operation = value as? [String: Any], let id = operation["operationId"] as? String else {
                    throw Problem(description: "openapi.json: \(method.uppercased()) \(path) has no operationId.")
                }
                operations.append(Operation(method: parsed, path: path, operationId: id))
            }
        }
        self.bytes = Array(data)
        self.operations = operations.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    /// Every operation paired with its handler; an operation without one, or a handler the
    /// document does not describe, is an error (the server does not start half-documented).
    func bind(_ handlers: APIHandlers) throws -> [(Operation, APIHandler)] {
        let documented = Set(operations.map(\.operationId))
        let missing = operations.filter { handlers.byOperation[$0.operationId] == nil }.map(\.operationId)
        let undocumented = handlers.byOperation.keys.filter { !documented.contains($0) }.sorted()
        guard missing.isEmpty, undocumented.isEmpty else {
            throw Problem(description: "openapi.json and the API disagree: no handler for \(missing), not documented: \(undocumented).")
        }
        return operations.compactMap { operation in handlers.byOperation[operation.operationId].map { (operation, $0) } }
    }

    /// For each documented path (as a route pattern), the usual methods it does not have: they
    /// answer 405 with `Allow`, not 404, so a wrong method is told apart from a wrong path.
    var undocumentedMethods: [(String, [HTTPRequest.Method])] {
        let all: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace]
        return Dictionary(grouping: operations, by: \.routerPath).map { path, operations in
            let present = Set(operations.map(\.method.rawValue))
            return (path, all.filter { !present.contains($0.rawValue) })
        }.sorted { $0.0 < $1.0 }
    }

    func allowedMethods(routerPath: String) -> [String] {
        operations.filter { $0.routerPath == routerPath }.map(\.method.rawValue).sorted()
    }

    func response(_ request: Request) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300", .accessControlAllowOrigin: "*"],
            body: .init(byteBuffer: buffer)
        )
    }
}
