/// Runtime-switchable misbehaviour, all invented (upstream documents none of it).
/// Counters are consumed one per API request, which keeps tests deterministic.
public struct FaultSwitches: Codable, Sendable, Equatable {
    /// The next N API requests are rejected as rate limited.
    public var rateLimitNextRequests: Int
    /// How those rejections look: a clean 429 or the documented `400 Request has exceeded the limit.`.
    public var rateLimitStyle: RateLimitStyle
    /// The next N API requests answer with `serverErrorStatus` (a 5xx burst).
    public var serverErrorNextRequests: Int
    public var serverErrorStatus: Int
    /// The next N API requests answer HTTP 200 with a body that is not JSON.
    public var malformedNextResponses: Int
    /// Every API response waits this long first (slow upstream).
    public var responseDelayMilliseconds: Int
    /// Tasks submitted while this is set fail after this many episodes.
    public var taskFailure: TaskFailureInjection?
    /// Callbacks are recorded as dropped and never sent.
    public var dropCallbacks: Bool
    /// Downloads send only the first half of the zip (with a matching Content-Length).
    public var truncateZip: Bool
    /// JSON files inside the zip are cut off mid-document.
    public var malformedJSONInZip: Bool
    /// Adds a `padding.bin` entry of this many stored bytes to every zip (large downloads).
    public var zipPaddingBytes: Int64
    /// Completed tasks answer `No downloadable files found for this task.`.
    public var emptyResults: Bool

    public init(
        rateLimitNextRequests: Int = 0,
        rateLimitStyle: RateLimitStyle = .http429,
        serverErrorNextRequests: Int = 0,
        serverErrorStatus: Int = 500,
        malformedNextResponses: Int = 0,
        responseDelayMilliseconds: Int = 0,
        taskFailure: TaskFailureInjection? = nil,
        dropCallbacks: Bool = false,
        truncateZip: Bool = false,
        malformedJSONInZip: Bool = false,
        zipPaddingBytes: Int64 = 0,
        emptyResults: Bool = false
    ) {
        self.rateLimitNextRequests = rateLimitNextRequests
        self.rateLimitStyle = rateLimitStyle
        self.serverErrorNextRequests = serverErrorNextRequests
        self.serverErrorStatus = serverErrorStatus
        self.malformedNextResponses = malformedNextResponses
        self.responseDelayMilliseconds = responseDelayMilliseconds
        self.taskFailure = taskFailure
        self.dropCallbacks = dropCallbacks
        self.truncateZip = truncateZip
        self.malformedJSONInZip = malformedJSONInZip
        self.zipPaddingBytes = zipPaddingBytes
        self.emptyResults = emptyResults
    }

    enum CodingKeys: String, CodingKey {
        case rateLimitNextRequests = "rate_limit_next_requests"
        case rateLimitStyle = "rate_limit_style"
        case serverErrorNextRequests = "server_error_next_requests"
        case serverErrorStatus = "server_error_status"
        case malformedNextResponses = "malformed_next_responses"
        case responseDelayMilliseconds = "response_delay_ms"
        case taskFailure = "task_failure"
        case dropCallbacks = "drop_callbacks"
        case truncateZip = "truncate_zip"
        case malformedJSONInZip = "malformed_json_in_zip"
        case zipPaddingBytes = "zip_padding_bytes"
        case emptyResults = "empty_results"
    }

    /// Missing keys keep their defaults, so `PUT /_simulator/faults` accepts partial documents.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FaultSwitches()
        rateLimitNextRequests = try c.decodeIfPresent(Int.self, forKey: .rateLimitNextRequests) ?? d.rateLimitNextRequests
        rateLimitStyle = try c.decodeIfPresent(RateLimitStyle.self, forKey: .rateLimitStyle) ?? d.rateLimitStyle
        serverErrorNextRequests = try c.decodeIfPresent(Int.self, forKey: .serverErrorNextRequests) ?? d.serverErrorNextRequests
        serverErrorStatus = try c.decodeIfPresent(Int.self, forKey: .serverErrorStatus) ?? d.serverErrorStatus
        malformedNextResponses = try c.decodeIfPresent(Int.self, forKey: .malformedNextResponses) ?? d.malformedNextResponses
        responseDelayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .responseDelayMilliseconds) ?? d.responseDelayMilliseconds
        taskFailure = try c.decodeIfPresent(TaskFailureInjection.self, forKey: .taskFailure)
        dropCallbacks = try c.decodeIfPresent(Bool.self, forKey: .dropCallbacks) ?? d.dropCallbacks
        truncateZip = try c.decodeIfPresent(Bool.self, forKey: .truncateZip) ?? d.truncateZip
        malformedJSONInZip = try c.decodeIfPresent(Bool.self, forKey: .malformedJSONInZip) ?? d.malformedJSONInZip
        zipPaddingBytes = try c.decodeIfPresent(Int64.self, forKey: .zipPaddingBytes) ?? d.zipPaddingBytes
        emptyResults = try c.decodeIfPresent(Bool.self, forKey: .emptyResults) ?? d.emptyResults
    }
}

/// How a rate-limit rejection is answered.
public enum RateLimitStyle: String, Codable, Sendable {
    /// `429 {"code":429,"msg":"Rate limit exceeded"}` (documented table).
    case http429 = "429"
    /// `400 {"code":400,"msg":"Request has exceeded the limit."}` (documented quirk).
    case http400Limit = "400"
}

/// Makes tasks fail with an error code (upstream's codes are undocumented; ours are invented).
public struct TaskFailureInjection: Codable, Sendable, Equatable {
    public var errorCode: String
    public var errorMessage: String
    /// Episodes that complete before the failure.
    public var afterEpisodes: Int

    public init(errorCode: String = "VIDEO_DECODE_FAILED", errorMessage: String = "Failed to decode video stream of episode", afterEpisodes: Int = 0) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.afterEpisodes = afterEpisodes
    }

    enum CodingKeys: String, CodingKey {
        case errorCode = "error_code"
        case errorMessage = "error_message"
        case afterEpisodes = "after_episodes"
    }
}
