import Foundation
import MemoriesClient

/// A submitted task and its timeline. Its state is never stored: it is computed from the
/// simulated clock, so status answers are deterministic for a given time.
struct SimulatedTask: Sendable {
    struct Episode: Sendable {
        let key: String
        let asset: DemoAsset
    }

    let id: String
    let accountKey: String
    let request: SubmitTaskRequest
    let episodes: [Episode]
    let createdAt: Date
    /// Simulated clock reading at submission.
    let submittedAt: Double
    let pendingSeconds: Double
    /// Simulated seconds after submission at which each episode is done (cumulative).
    let episodeDoneOffsets: [Double]
    let failure: TaskFailureInjection?
    let chargedCents: Int
    /// Callback top-level id (same as `id` unless configured otherwise).
    let callbackRequestID: String
    var cancelledAt: Double?
    /// Set once the terminal callback has been queued (or dropped).
    var callbackHandled = false

    var totalDurationSeconds: Double {
        episodes.reduce(0) { $0 + $1.asset.durationSeconds }
    }

    var outputs: OutputFlags { request.config.effectiveOutputs }

    /// The status at simulated time `now`.
    func status(at now: Double) -> TaskStatus {
        if let cancelledAt, cancelledAt <= now {
            return TaskStatus(taskID: id, status: .cancelled)
        }
        let elapsed = now - submittedAt
        if elapsed < pendingSeconds {
            return TaskStatus(taskID: id, status: .pending)
        }
        let done = episodeDoneOffsets.filter { $0 <= elapsed }.count
        if let failure, done >= min(failure.afterEpisodes, episodes.count), elapsed >= failureOffset(failure) {
            return TaskStatus(taskID: id, status: .failed, errorCode: failure.errorCode, errorMessage: failureMessage(failure))
        }
        if done == episodes.count {
            return TaskStatus(taskID: id, status: .completed)
        }
        return TaskStatus(taskID: id, status: .running, progress: TaskProgress(totalEpisodes: episodes.count, completedEpisodes: done))
    }

    /// The failing episode breaks halfway through its processing.
    private func failureOffset(_ failure: TaskFailureInjection) -> Double {
        let index = min(failure.afterEpisodes, episodes.count - 1)
        let previous = index == 0 ? pendingSeconds : episodeDoneOffsets[index - 1]
        return (previous + episodeDoneOffsets[index]) / 2
    }

    private func failureMessage(_ failure: TaskFailureInjection) -> String {
        let index = min(failure.afterEpisodes, episodes.count - 1)
        return "\(failure.errorMessage) \(episodes[index].key) (\(episodes[index].asset.assetID))"
    }

    /// Simulated time at which the task reaches its natural end (completed or failed).
    var endOffset: Double {
        if let failure { return failureOffset(failure) }
        return episodeDoneOffsets.last ?? pendingSeconds
    }
}

/// A snapshot of a task for the admin endpoint.
public struct SimulatorTaskSummary: Codable, Sendable, Equatable {
    public var taskID: String
    public var status: TaskStatus
    public var episodes: [String: String]
    public var chargedCents: Int
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status, episodes
        case chargedCents = "charged_cents"
        case createdAt = "created_at"
    }
}
