import Foundation

/// Maps an upstream HTTP response to a payload or a `MemoriesError`.
///
/// Order of decision: the HTTP status first; for a 2xx, the envelope `code` (and `failed`)
/// second. `msg` is only display text, with one set of exceptions: messages the docs print
/// verbatim whose meaning the status alone does not carry (the rate-limit 400 and the
/// download errors). Those are matched exactly.
public enum ResponseClassifier {
    /// Documented: some rate-limit rejections arrive as HTTP 400 with this text.
    public static let limitExceededMessage = "Request has exceeded the limit."

    /// Decodes `data` of a success envelope, or throws the classified error.
    public static func decodePayload<Payload: Decodable & Sendable>(
        _ type: Payload.Type,
        status: Int,
        body: Data
    ) throws(MemoriesError) -> Payload {
        let head = try? JSONDecoder().decode(Envelope<IgnoredPayload>.self, from: body)
        guard (200..<300).contains(status) else {
            throw error(status: status, message: head?.msg ?? "HTTP \(status)")
        }
        guard let head else {
            throw .malformedResponse(reason: "HTTP \(status) body is not a JSON envelope (\(preview(body)))")
        }
        // Legacy form: HTTP 200 carrying a failure code.
        if !head.code.isSuccess || head.failed == true {
            let message = head.msg ?? "code \(head.code)"
            guard let equivalent = head.code.httpEquivalent, equivalent != 200 else {
                throw .invalidRequest(message: message)
            }
            throw error(status: equivalent, message: message)
        }
        let envelope: Envelope<Payload>
        do {
            envelope = try JSONDecoder().decode(Envelope<Payload>.self, from: body)
        } catch {
            throw .malformedResponse(reason: "unexpected data shape: \(error)")
        }
        guard let data = envelope.data else {
            throw .malformedResponse(reason: "success envelope without data")
        }
        return data
    }

    /// Classifies a failure by HTTP status (or the `code` standing in for it).
    /// For answers whose `data` is null (delete): success status and a success envelope.
    public static func checkSuccess(status: Int, body: Data) throws(MemoriesError) {
        let head = try? JSONDecoder().decode(Envelope<IgnoredPayload>.self, from: body)
        guard (200..<300).contains(status) else {
            throw error(status: status, message: head?.msg ?? "HTTP \(status)")
        }
        guard let head else {
            throw .malformedResponse(reason: "HTTP \(status) body is not a JSON envelope (\(preview(body)))")
        }
        if !head.code.isSuccess || head.failed == true {
            let message = head.msg ?? "code \(head.code)"
            guard let equivalent = head.code.httpEquivalent, equivalent != 200 else { throw .invalidRequest(message: message) }
            throw error(status: equivalent, message: message)
        }
    }

    public static func error(status: Int, message: String) -> MemoriesError {
        switch status {
        case 400:
            return errorFor400(message: message)
        case 401:
            return .unauthorized(message: message)
        case 402:
            return .insufficientBalance(message: message)
        case 403:
            return .forbidden(message: message)
        case 404:
            return .notFound(message: message)
        case 408, 504:
            return .timeout
        case 429:
            return .rateLimited(message: message)
        case 500..<600:
            return .serverError(status: status, message: message)
        default:
            return .invalidRequest(message: message)
        }
    }

    /// Parses a JSON error body received where a file was expected.
    public static func error(status: Int, body: Data) -> MemoriesError {
        let head = try? JSONDecoder().decode(Envelope<IgnoredPayload>.self, from: body)
        let effectiveStatus: Int
        if (200..<300).contains(status), let code = head?.code.httpEquivalent, code != 200 {
            effectiveStatus = code
        } else {
            effectiveStatus = status
        }
        guard (200..<300).contains(effectiveStatus) == false else {
            return .malformedResponse(reason: "expected a zip, got a JSON success envelope")
        }
        return error(status: effectiveStatus, message: head?.msg ?? "HTTP \(status)")
    }

    private static func errorFor400(message: String) -> MemoriesError {
        if message == limitExceededMessage {
            return .rateLimited(message: message)
        }
        if message.hasPrefix("Task not found for id:") || message == "Asset not found" {
            return .notFound(message: message)
        }
        let notCompletedPrefix = "Task is not completed yet, current status: "
        if message.hasPrefix(notCompletedPrefix) {
            let raw = message.dropFirst(notCompletedPrefix.count).trimmingCharacters(in: .whitespaces)
            return .notCompleted(status: TaskState(rawValue: raw), message: message)
        }
        if message == "No result data available for this task." || message == "No downloadable files found for this task." {
            return .noResult(message: message)
        }
        return .invalidRequest(message: message)
    }

    static func preview(_ body: Data) -> String {
        let text = String(decoding: body.prefix(80), as: UTF8.self)
        return text.isEmpty ? "empty body" : text
    }
}
