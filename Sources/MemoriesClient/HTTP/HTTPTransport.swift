import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the client needs it: status, a few headers, the body.
struct HTTPResponseData: Sendable {
    var status: Int
    var contentType: String?
    var body: Data
}

/// Why a request got no HTTP response. The split matters for submits: only
/// `notConnected` proves the request never reached upstream.
enum TransportFailure: Error, Sendable {
    case timedOut
    /// The connection was never established, so nothing was sent.
    case notConnected(String)
    /// The connection broke at an unknown point: the request may have been received.
    case interrupted(String)

    init(_ error: any Error) {
        guard let urlError = error as? URLError else {
            self = .interrupted(String(describing: error))
            return
        }
        switch urlError.code {
        case .timedOut:
            self = .timedOut
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .unsupportedURL, .badURL:
            self = .notConnected(urlError.localizedDescription)
        default:
            self = .interrupted(urlError.localizedDescription)
        }
    }

    var asMemoriesError: MemoriesError {
        switch self {
        case .timedOut: return .timeout
        case .notConnected(let reason): return .network(reason: reason)
        case .interrupted(let reason): return .network(reason: reason)
        }
    }
}

/// JSON requests over Foundation's URLSession (libcurl on Linux).
struct HTTPTransport: Sendable {
    let session: URLSession

    init(requestTimeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout.timeInterval
        configuration.timeoutIntervalForResource = requestTimeout.timeInterval
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
    }

    func send(_ request: URLRequest) async throws(TransportFailure) -> HTTPResponseData {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.dataAbandoningOnCancel(for: request)
        } catch {
            throw TransportFailure(error)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .interrupted("not an HTTP response")
        }
        return HTTPResponseData(
            status: http.statusCode,
            contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: data
        )
    }
}
