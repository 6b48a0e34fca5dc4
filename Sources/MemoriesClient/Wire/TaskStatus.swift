/// `data` of `GET /screenplay/tasks/{id}` and of a successful cancel.
public struct TaskStatus: Codable, Sendable, Equatable {
    public var taskID: String
    public var status: TaskState
    /// Present only while `running`.
    public var progress: TaskProgress?
    /// Present only when `failed`.
    public var errorCode: String?
    /// Present only when `failed`.
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status, progress
        case errorCode = "error_code"
        case errorMessage = "error_message"
    }

    public init(
        taskID: String,
        status: TaskState,
        progress: TaskProgress? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil
    ) {
        self.taskID = taskID
        self.status = status
        self.progress = progress
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// Episode progress of a running task.
public struct TaskProgress: Codable, Sendable, Equatable {
    public var totalEpisodes: Int
    public var completedEpisodes: Int

    enum CodingKeys: String, CodingKey {
        case totalEpisodes = "total_episodes"
        case completedEpisodes = "completed_episodes"
    }

    public init(totalEpisodes: Int, completedEpisodes: Int) {
        self.totalEpisodes = totalEpisodes
        self.completedEpisodes = completedEpisodes
    }
}
