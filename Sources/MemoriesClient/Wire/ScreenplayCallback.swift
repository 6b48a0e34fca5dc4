/// The webhook body upstream POSTs when a task ends.
///
/// Shape: `{code, message, task_id, data: {task_id, status, error_code?, error_message?}}`.
/// Note `message`, not `msg`, and no `success`/`failed`. Decide on `data.status`, never on
/// `code`: whether `code` changes on failure is undocumented. Match on `data.task_id` first and
/// fall back to the top-level `task_id`, which may be a separate request id upstream.
public struct ScreenplayCallback: Codable, Sendable, Equatable {
    public var code: EnvelopeCode
    public var message: String?
    public var taskID: String?
    public var data: CallbackData?

    enum CodingKeys: String, CodingKey {
        case code, message, data
        case taskID = "task_id"
    }

    public init(code: EnvelopeCode, message: String?, taskID: String?, data: CallbackData?) {
        self.code = code
        self.message = message
        self.taskID = taskID
        self.data = data
    }

    /// The screenplay task id to correlate on.
    public var screenplayTaskID: String? { data?.taskID ?? taskID }
}

/// `data` of a screenplay callback.
public struct CallbackData: Codable, Sendable, Equatable {
    public var taskID: String
    /// `completed` or `failed` upstream.
    public var status: TaskState
    public var errorCode: String?
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status
        case errorCode = "error_code"
        case errorMessage = "error_message"
    }

    public init(taskID: String, status: TaskState, errorCode: String? = nil, errorMessage: String? = nil) {
        self.taskID = taskID
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}
