/// What every task view derives from a task's two states and its counters, in one place:
/// whether background work is left (pages stay live), the result label, and the progress.
struct TaskProgressView: Sendable, Equatable {
    var status: TaskRecord.Status
    var resultStatus: TaskRecord.ResultStatus
    var completed: Int?
    var total: Int

    init(status: TaskRecord.Status, resultStatus: TaskRecord.ResultStatus, completed: Int?, total: Int?, episodeCount: Int) {
        self.status = status
        self.resultStatus = resultStatus
        self.completed = completed
        self.total = total ?? episodeCount
    }

    /// Upstream still works on it, or our download and ingest are not through yet.
    var hasWorkLeft: Bool {
        !status.isFinal || (status == .completed && [.none, .downloading, .downloaded, .ingesting].contains(resultStatus))
    }

    /// The result's state, shown only once upstream completed.
    var resultLabel: String { status == .completed ? resultStatus.label : "" }

    /// Episodes done, never above the total (upstream's numbers are not trusted).
    var done: Int { status == .completed ? max(1, total) : min(max(1, total), completed ?? 0) }
    var percent: Int { done * 100 / max(1, total) }
    var label: String { "\(done) of \(max(1, total)) episodes" }

    /// `3/12` for lists; `—` before upstream reported any progress.
    var shortLabel: String {
        if status == .completed { return "\(total)/\(total)" }
        guard let completed else { return "—" }
        return "\(completed)/\(total)"
    }
}

extension TaskRecord {
    var progressView: TaskProgressView {
        TaskProgressView(status: status, resultStatus: resultStatus, completed: progressCompleted, total: progressTotal, episodeCount: episodeCount)
    }
}

extension TaskRepository.Summary {
    var progressView: TaskProgressView {
        TaskProgressView(status: status, resultStatus: resultStatus, completed: progressCompleted, total: progressTotal, episodeCount: episodeCount)
    }
}
