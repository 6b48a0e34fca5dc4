/// Everything the upstream client can fail with, already classified.
///
/// Upstream `msg` texts are carried for display only; the case itself is decided by the
/// HTTP status first and the envelope `code` second (see `ResponseClassifier`).
public enum MemoriesError: Error, Sendable, Equatable {
    /// 401: missing, invalid or expired key.
    case unauthorized(message: String)
    /// 403: account disabled or IP not allowed.
    case forbidden(message: String)
    /// 400 (and 405/409/415): the request was rejected; `message` is upstream's reason.
    case invalidRequest(message: String)
    /// Unknown task or asset id.
    case notFound(message: String)
    /// Download asked for a task that is not `completed`; `status` is parsed from the documented message when possible.
    case notCompleted(status: TaskState?, message: String)
    /// Download of a completed task that has nothing to download.
    case noResult(message: String)
    /// 402.
    case insufficientBalance(message: String)
    /// 429, or the documented `400 Request has exceeded the limit.`, after retries ran out.
    case rateLimited(message: String)
    /// 5xx after retries ran out.
    case serverError(status: Int, message: String)
    /// The request did not complete in time.
    case timeout
    /// The connection failed (refused, reset, DNS…).
    case network(reason: String)
    /// The response could not be understood (not JSON, wrong shape, a broken zip).
    case malformedResponse(reason: String)
    /// A download was larger than the caller allowed.
    case downloadTooLarge(limitBytes: Int64, actualBytes: Int64)
    /// A submit may have reached upstream but no answer arrived (timeout, 5xx, dropped
    /// connection). It was not retried, because upstream has no idempotency key and a second
    /// submit is a second charge. Reconcile before resubmitting.
    case submitOutcomeUnknown(attempt: Int, reason: String)

    /// Whether an identical request may succeed later. The client retries these itself
    /// (except unsafe submits), so callers see them only once retries ran out.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .serverError, .timeout, .network: return true
        case .unauthorized, .forbidden, .invalidRequest, .notFound, .notCompleted, .noResult,
            .insufficientBalance, .malformedResponse, .downloadTooLarge, .submitOutcomeUnknown:
            return false
        }
    }
}

extension MemoriesError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unauthorized(let message):
            return "The memories.ai API key was rejected (\(message)). Check or regenerate it in the console."
        case .forbidden(let message):
            return "memories.ai refused access: the account is disabled or the IP is not allowed (\(message))."
        case .invalidRequest(let message):
            return "memories.ai rejected the request: \(message)"
        case .notFound(let message):
            return "Not found at memories.ai: \(message)"
        case .notCompleted(let status, let message):
            if let status {
                return "The task is not completed yet (status: \(status.rawValue))."
            }
            return "The task is not completed yet: \(message)"
        case .noResult(let message):
            return "The task has no downloadable result: \(message)"
        case .insufficientBalance(let message):
            return "The memories.ai balance is too low: \(message) Top it up in the console."
        case .rateLimited(let message):
            return "memories.ai rate limit hit and retries ran out (\(message))."
        case .serverError(let status, let message):
            return "memories.ai had a server error (HTTP \(status)): \(message)"
        case .timeout:
            return "memories.ai did not answer in time."
        case .network(let reason):
            return "Could not reach memories.ai: \(reason)"
        case .malformedResponse(let reason):
            return "memories.ai sent a response we could not understand: \(reason)"
        case .downloadTooLarge(let limit, let actual):
            return "The result file is \(actual) bytes, over the \(limit)-byte limit."
        case .submitOutcomeUnknown(let attempt, let reason):
            return "Submit attempt \(attempt) may or may not have reached memories.ai (\(reason)). "
                + "It was not retried to avoid a duplicate charge; check the console before resubmitting."
        }
    }
}
