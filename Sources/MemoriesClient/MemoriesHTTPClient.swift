import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The memories.ai screenplay client: `Authorization: <raw key>`, envelope decoding, typed
/// errors, retries with backoff and jitter, and the process-wide per-account rate limit.
public struct MemoriesHTTPClient: ScreenplayAPI {
    public let configuration: MemoriesClientConfiguration
    let limiter: RateLimiter
    let transport: HTTPTransport
    let backoff: Backoff
    let logger: Logger

    /// - Parameters:
    ///   - rateLimiters: where the per-account limiter comes from; the process-wide registry by default.
    public init(
        configuration: MemoriesClientConfiguration,
        rateLimiters: RateLimiterRegistry = .shared,
        logger: Logger = Logger(label: "memories.client")
    ) {
        self.configuration = configuration
        self.limiter = rateLimiters.limiter(forKey: configuration.apiKey, requestsPerSecond: configuration.requestsPerSecond)
        self.transport = HTTPTransport(requestTimeout: configuration.requestTimeout)
        self.backoff = Backoff(initial: configuration.initialBackoff, maximum: configuration.maxBackoff)
        self.logger = logger
    }

    // MARK: Endpoints

    public func submit(_ request: SubmitTaskRequest, attemptRecorder: SubmitAttemptRecorder?) async throws -> SubmittedTask {
        let body: Data
        do {
            body = try JSONEncoder().encode(request)
        } catch {
            throw MemoriesError.invalidRequest(message: "could not encode the request: \(error)")
        }
        let urlRequest = makeRequest(method: "POST", path: "screenplay/tasks", body: body)
        return try await submitWithSafeRetries(urlRequest, request: request, attemptRecorder: attemptRecorder)
    }

    public func status(taskID: String) async throws -> TaskStatus {
        let request = makeRequest(method: "GET", path: "screenplay/tasks/\(try pathSegment(taskID))")
        return try await performWithRetries(request, decoding: TaskStatus.self)
    }

    public func cancel(taskID: String) async throws -> TaskStatus {
        let request = makeRequest(method: "DELETE", path: "screenplay/tasks/\(try pathSegment(taskID))")
        return try await performWithRetries(request, decoding: TaskStatus.self)
    }

    public func assetMetadata(assetID: String) async throws -> AssetMetadata {
        let request = makeRequest(method: "GET", path: "\(try pathSegment(assetID))/metadata")
        return try await performWithRetries(request, decoding: AssetMetadata.self)
    }

    // MARK: Plumbing

    func makeRequest(method: String, path: String, body: Data? = nil, timeout: Duration? = nil) -> URLRequest {
        var request = URLRequest(url: configuration.baseURL.appendingPathComponent(path))
        request.httpMethod = method
        request.timeoutInterval = (timeout ?? configuration.requestTimeout).timeInterval
        // Documented: the raw key, no "Bearer ".
        request.setValue(configuration.apiKey, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return request
    }

    /// Ids go into the path; refuse anything that could change the path's shape.
    func pathSegment(_ id: String) throws(MemoriesError) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw .invalidRequest(message: "invalid id: \(id)")
        }
        return id
    }

    /// One rate-limited send, classified.
    func sendOnce<Payload: Decodable & Sendable>(_ request: URLRequest, decoding: Payload.Type) async throws -> Payload {
        let response = try await sendRaw(request)
        return try ResponseClassifier.decodePayload(Payload.self, status: response.status, body: response.body)
    }

    /// One request in the account's rate limit; transport failures become `MemoriesError`s.
    func sendRaw(_ request: URLRequest) async throws -> HTTPResponseData {
        try await limiter.acquire()
        return try await UpstreamMetrics.measure(request, base: configuration.baseURL, status: \.status) {
            do {
                return try await transport.send(request)
            } catch let failure as TransportFailure {
                throw failure.asMemoriesError
            }
        }
    }

    func performWithRetries<Payload: Decodable & Sendable>(_ request: URLRequest, decoding: Payload.Type) async throws -> Payload {
        try await retryingRetryable(request) { try await sendOnce(request, decoding: Payload.self) }
    }

    /// Runs `attempt` again after retryable errors (rate limits, server errors, timeouts).
    func retryingRetryable<Result>(_ request: URLRequest, _ attempt: () async throws -> Result) async throws -> Result {
        var retry = 0
        while true {
            do {
                return try await attempt()
            } catch let error as MemoriesError where error.isRetryable && retry < configuration.maxRetries {
                try await waitBeforeRetry(retry, after: error, request: request)
                retry += 1
            }
        }
    }

    func submitWithSafeRetries(
        _ urlRequest: URLRequest,
        request: SubmitTaskRequest,
        attemptRecorder: SubmitAttemptRecorder?
    ) async throws -> SubmittedTask {
        var retry = 0
        while true {
            let attempt = retry + 1
            // Record first, then wait for the slot: the send follows its slot at once, so a slow
            // recorder cannot push it into the next request's second.
            try await attemptRecorder?(SubmitAttempt(number: attempt, request: request))
            try await limiter.acquire()
            let failure: MemoriesError
            do {
                let response = try await UpstreamMetrics.measure(urlRequest, base: configuration.baseURL, status: \.status) {
                    do { return try await transport.send(urlRequest) } catch { throw error }
                }
                return try ResponseClassifier.decodePayload(SubmittedTask.self, status: response.status, body: response.body)
            } catch let error as TransportFailure {
                guard case .notConnected = error else {
                    throw MemoriesError.submitOutcomeUnknown(attempt: attempt, reason: error.asMemoriesError.description)
                }
                failure = error.asMemoriesError
            } catch let error as MemoriesError {
                switch error {
                case .rateLimited:
                    failure = error
                case .serverError, .timeout, .network, .malformedResponse:
                    // An answer we cannot trust either way: the task may exist.
                    throw MemoriesError.submitOutcomeUnknown(attempt: attempt, reason: error.description)
                default:
                    throw error
                }
            }
            guard retry < configuration.maxRetries else { throw failure }
            try await waitBeforeRetry(retry, after: failure, request: urlRequest)
            retry += 1
        }
    }

    func waitBeforeRetry(_ retry: Int, after error: MemoriesError, request: URLRequest) async throws {
        let delay = backoff.delay(beforeRetry: retry)
        logger.notice(
            "retrying memories.ai request",
            metadata: [
                "method": "\(request.httpMethod ?? "?")",
                "path": "\(request.url?.path ?? "?")",
                "retry": "\(retry + 1)",
                "delay": "\(delay)",
                "error": "\(error)",
            ]
        )
        try await Task.sleep(for: delay)
    }
}
