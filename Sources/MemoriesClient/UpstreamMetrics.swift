import CoreMetrics
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Counts every request sent to memories.ai by endpoint (the path's shape, never its ids) and
/// outcome, through swift-metrics (`showrunner_upstream_requests_total`); whoever bootstraps
/// a metrics backend gets them. Also the callers waiting for the rate limiter.
enum UpstreamMetrics {
    /// `screenplay/tasks/:id/download`, `:asset/metadata`, `upload/signed-url`, … relative to the base URL.
    static func endpoint(of request: URLRequest, base: URL) -> String {
        let method = request.httpMethod ?? "GET"
        guard let url = request.url, url.host == base.host, url.port == base.port, url.path.hasPrefix(base.path) else {
            return "\(method) signed-upload"
        }
        let parts = url.path.dropFirst(base.path.count).split(separator: "/").map(String.init)
        let shape: String
        switch parts.count {
        case 0: shape = ""
        case 1: shape = parts[0] == "upload" ? "upload" : ":asset"
        case 2:
            if parts[0] == "upload" { shape = "upload/\(parts[1] == "signed-url" ? "signed-url" : ":other")" }
            else if parts[0] == "screenplay" { shape = "screenplay/\(parts[1] == "tasks" ? "tasks" : ":other")" }
            else { shape = ":asset/" + (["metadata", "download"].contains(parts[1]) ? parts[1] : ":other") }
        default:
            if parts[0] == "screenplay", parts[1] == "tasks" {
                shape = "screenplay/tasks/:id" + (parts.count == 4 && parts[3] == "download" ? "/download" : parts.count > 3 ? "/:other" : "")
            } else {
                shape = ":other"
            }
        }
        return "\(method) \(shape)"
    }

    static func outcome(status: Int) -> String {
        switch status {
        case 200..<300: "ok"
        case 429: "rate_limited"
        case 400..<500: "client_error"
        case 500..<600: "server_error"
        default: "unexpected_status"
        }
    }

    static func outcome(error: any Error) -> String {
        switch error as? MemoriesError {
        case .timeout: "timeout"
        case .network: "network"
        case .rateLimited: "rate_limited"
        case .serverError: "server_error"
        case nil where error is CancellationError: "cancelled"
        default: "error"
        }
    }

    static func record(_ request: URLRequest, base: URL, outcome: String) {
        Counter(label: "showrunner_upstream_requests_total", dimensions: [("endpoint", endpoint(of: request, base: base)), ("outcome", outcome)])
            .increment()
    }

    /// Sends and records: the status when an answer came, the failure otherwise.
    static func measure<Response>(
        _ request: URLRequest, base: URL, status: (Response) -> Int, _ send: () async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await send()
            record(request, base: base, outcome: outcome(status: status(response)))
            return response
        } catch {
            record(request, base: base, outcome: outcome(error: error))
            throw error
        }
    }

    /// Made on use, not kept: a metric made before the backend is bootstrapped stays a no-op.
    static var waiting: Meter { Meter(label: "showrunner_upstream_rate_limit_waiting") }
}
