/// What the client reports before each submit it is about to send.
public struct SubmitAttempt: Sendable, Equatable {
    /// 1 for the first send, 2 for the first retry…
    public var number: Int
    public var request: SubmitTaskRequest

    public init(number: Int, request: SubmitTaskRequest) {
        self.number = number
        self.request = request
    }
}

/// Called before each submit is sent. The contract:
///
/// - It runs before any byte of that attempt leaves the process, once per attempt.
/// - Record the attempt durably (e.g. a row "submit attempt N sent at T"). After a crash or a
///   `MemoriesError.submitOutcomeUnknown`, such a row means a task may exist upstream (and
///   may have been charged) even though no task id was stored.
/// - If it throws, nothing is sent and `submit` rethrows that error.
/// - Retries happen only when upstream certainly did not accept the previous attempt
///   (429, `400 Request has exceeded the limit.`, connection refused before sending).
public typealias SubmitAttemptRecorder = @Sendable (SubmitAttempt) async throws -> Void
