import Foundation
import Hummingbird
import Logging

/// Turns errors into pages people can read (or JSON for API clients), never a stack trace.
///
/// Errors that carry an HTTP status (`HTTPError`, our domain errors) keep it and their message;
/// anything else is logged with the request id and shown as a plain 500.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let apiError as APIError {
            return apiError.response()
        } catch let gatewayError as GatewayError {
            return gatewayError.response()
        } catch {
            let (status, message) = Self.describe(error)
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            if Self.wantsJSON(request) {
                return Self.jsonError(status: status, message: message)
            }
            let page = ErrorPage(status: status, message: message, requestId: context.id)
            do {
                return try renderer.render(page, template: "errors/error", status: status).response(from: request, context: context)
            } catch {
                context.logger.error("error page failed to render", metadata: ["error": "\(error)"])
                return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: .init(string: message)))
            }
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        if let httpError = error as? HTTPError {
            return (httpError.status, httpError.body ?? defaultMessage(for: httpError.status))
        }
        if let userFacing = error as? any UserFacingError {
            return (userFacing.status, userFacing.userMessage)
        }
        if let responseError = error as? any HTTPResponseError {
            return (responseError.status, defaultMessage(for: responseError.status))
        }
        return (.internalServerError, defaultMessage(for: .internalServerError))
    }

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The request could not be understood."
        case 401: "Please log in."
        case 403: "You do not have permission to do that."
        case 404: "There is nothing here. It may have been deleted, or you may not have access to it."
        case 405: "That action is not available here."
        case 413: "The upload is too large."
        case 429: "Too many attempts. Wait a little and try again."
        default: "Something went wrong on our side. It has been logged; please try again."
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.uri.path.hasPrefix("/api/") { return true }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    static func jsonError(status: HTTPResponse.Status, message: String) -> Response {
        APIError(status: status, code: errorCode(for: status), message: message).response()
    }

    static func errorCode(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "invalid"
        case 429: "rate_limited"
        default: "internal_error"
        }
    }
}

/// A domain error whose message is safe and useful to show to the user.
protocol UserFacingError: Error {
    var status: HTTPResponse.Status { get }
    var userMessage: String { get }
}

/// `{"error": {"code": "not_found", "message": "…"}}`: the shape of every JSON error.
struct JSONErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
    }
    let error: Detail
}
