/// What an organisation can be told about. Task events follow the task's timeline (the same
/// transaction writes both); approval follows the review decision.
enum WebhookEvent: String, CaseIterable, Sendable {
    case taskSubmitted = "task.submitted"
    case taskCompleted = "task.completed"
    case taskFailed = "task.failed"
    case taskIngested = "task.ingested"
    case taskCancelled = "task.cancelled"
    case storyboardApproved = "storyboard.approved"

    /// The event for a task timeline entry of this kind, if any.
    init?(taskEventKind kind: String) {
        switch kind {
        case "submitted": self = .taskSubmitted
        case "completed": self = .taskCompleted
        case "failed": self = .taskFailed
        case "ingested": self = .taskIngested
        case "cancelled": self = .taskCancelled
        default: return nil
        }
    }

    var label: String {
        switch self {
        case .taskSubmitted: "Task submitted"
        case .taskCompleted: "Task completed upstream"
        case .taskFailed: "Task failed"
        case .taskIngested: "Results ingested"
        case .taskCancelled: "Task cancelled"
        case .storyboardApproved: "Storyboard approved"
        }
    }
}
