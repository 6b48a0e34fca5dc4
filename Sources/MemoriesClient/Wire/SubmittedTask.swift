/// `data` of a successful submit. Keep all of it: status calls never return these fields again.
public struct SubmittedTask: Codable, Sendable, Equatable {
    public var taskID: String
    /// Always `pending` at submission.
    public var status: TaskState
    public var mode: String
    /// ISO-8601, UTC (`2026-03-13T10:00:00Z`). Kept as text: upstream's exact format is an example only.
    public var createdAt: String
    public var totalDurationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status, mode
        case createdAt = "created_at"
        case totalDurationSeconds = "total_duration_seconds"
    }

    public init(taskID: String, status: TaskState, mode: String, createdAt: String, totalDurationSeconds: Double) {
        self.taskID = taskID
        self.status = status
        self.mode = mode
        self.createdAt = createdAt
        self.totalDurationSeconds = totalDurationSeconds
    }
}
