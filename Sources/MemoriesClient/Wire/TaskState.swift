/// The status values of a screenplay task, spelled as upstream spells them
/// (`running`, not `processing`; `cancelled` with two l's).
public enum TaskState: String, Codable, Sendable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case cancelled

    /// Terminal states never change again.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .cancelled: return true
        case .pending, .running: return false
        }
    }

    /// Only pending or running tasks can be cancelled (documented rule).
    public var isCancellable: Bool { !isTerminal }
}
