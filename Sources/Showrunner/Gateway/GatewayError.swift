import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A failure in memories.ai's own shape, so existing client code handles it unchanged: the HTTP
/// status equals `code`, and the body is `{"code", "msg", "data": null, "success": false, "failed": true}`.
struct GatewayError: Error, Sendable {
    var code: Int
    var message: String
    var headers: HTTPFields = [:]

    static func invalid(_ message: String) -> GatewayError { GatewayError(code: 400, message: message) }
    static func notFound(_ taskId: String) -> GatewayError { GatewayError(code: 404, message: "Task not found for id: \(taskId)") }

    /// The API's refusals (missing or revoked key, read-only, rate limit) in the envelope.
    init(_ error: APIError) {
        code = Int(error.status.code)
        message = switch error.code {
        case "missing_key", "invalid_key": "Unauthorized"
        case "rate_limited": "Request has exceeded the limit."
        default: error.message
        }
        headers = error.headers
    }

    init(code: Int, message: String, headers: HTTPFields = [:]) {
        self.code = code
        self.message = message
        self.headers = headers
    }

    func response() -> Response {
        GatewayEnvelope.response(code: code, message: message, data: NSNull(), headers: headers)
    }
}

/// memories.ai's success envelope: `{"code": 200, "msg": "success", "data": …, "success": true, "failed": false}`.
enum GatewayEnvelope {
    static func success(_ data: [String: Any]) -> Response {
        response(code: 200, message: "success", data: data)
    }

    /// HTTP status = `code`, as upstream documents.
    static func response(code: Int, message: String, data: Any, headers: HTTPFields = [:]) -> Response {
        let ok = (200..<300).contains(code)
        let body: [String: Any] = ["code": code, "msg": message, "data": data, "success": ok, "failed": !ok]
        let bytes = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: HTTPResponse.Status(code: code), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
