import Hummingbird
import Logging

/// One log line per request: method, path, status and time taken, with the request id.
///
/// Unlike Hummingbird's `LogRequestsMiddleware` it writes the path without the query string and
/// with invite tokens masked, so secrets in URLs never reach the logs.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context: context, status: status, started: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: status >= 500 ? .error : level,
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "path": "\(Self.redacted(request.uri.path))",
                "status": "\(status)",
                "ms": "\((milliseconds * 10).rounded() / 10)",
            ]
        )
    }

    /// `/invite/<token>` becomes `/invite/[token]`, `/hooks/memories/<token>` likewise.
    static func redacted(_ path: String) -> String {
        if path.hasPrefix("/hooks/memories/") { return "/hooks/memories/[token]" }
        guard path.hasPrefix("/invite/") else { return path }
        return "/invite/[token]"
    }
}
