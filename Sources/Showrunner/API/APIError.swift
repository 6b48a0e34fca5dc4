import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error of the JSON API with a stable machine-readable code: `{"error": {"code", "message"}}`.
/// `ErrorPageMiddleware` answers it as it is (with its extra headers, e.g. `Retry-After`).
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    static func notFound(_ what: String = "resource") -> APIError {
        APIError(status: .notFound, code: "not_found", message: "No such \(what) in this organisation.")
    }

    static func invalid(_ message: String, code: String = "invalid_request") -> APIError {
        APIError(status: .unprocessableContent, code: code, message: message)
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }

    static func forbidden(_ message: String, code: String = "forbidden") -> APIError {
        APIError(status: .forbidden, code: code, message: message)
    }

    static func unauthorized(_ message: String, code: String = "unauthorized") -> APIError {
        APIError(status: .unauthorized, code: code, message: message, headers: [.wwwAuthenticate: "Bearer realm=\"showrunner\""])
    }

    static func conflict(_ message: String, code: String = "conflict") -> APIError {
        APIError(status: .conflict, code: code, message: message)
    }

    static func methodNotAllowed(path: String, api: OpenAPIDocument) -> APIError {
        let allowed = api.allowedMethods(routerPath: path)
        return APIError(
            status: .methodNotAllowed, code: "method_not_allowed", message: "This path takes \(allowed.joined(separator: ", ")).",
            headers: [.allow: allowed.joined(separator: ", ")]
        )
    }

    func response() -> Response {
        let body = JSONErrorBody(error: .init(code: code, message: message))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
