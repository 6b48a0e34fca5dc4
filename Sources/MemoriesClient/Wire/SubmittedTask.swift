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

    /// Lenient on purpose: the task exists and was charged as soon as upstream answered with
    /// an id, so only `task_id` is required. A missing or odd `status`, `mode`, `created_at`
    /// (text or a number) or `total_duration_seconds` (number or text) must not turn a paid
    /// task into one nobody tracks.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        status = (try? container.decodeIfPresent(TaskState.self, forKey: .status)) ?? .pending
        mode = (try? container.decodeIfPresent(String.self, forKey: .mode)) ?? ""
        if let text = try? container.decodeIfPresent(String.self, forKey: .createdAt) {
            createdAt = text
        } else if let number = try? container.decodeIfPresent(Double.self, forKey: .createdAt) {
            createdAt = String(number)
        } else {
            createdAt = ""
        }
        if let seconds = try? container.decodeIfPresent(Double.self, forKey: .totalDurationSeconds) {
            totalDurationSeconds = seconds
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .totalDurationSeconds), let seconds = Double(text) {
            totalDurationSeconds = seconds
        } else {
            totalDurationSeconds = 0
        }
    }

    public init(taskID: String, status: TaskState, mode: String, createdAt: String, totalDurationSeconds: Double) {
        self.taskID = taskID
        self.status = status
        self.mode = mode
        self.createdAt = createdAt
        self.totalDurationSeconds = totalDurationSeconds
    }
}
