import Foundation
import MemoriesClient

/// Cancels a task upstream and records it: shared by the task page, the JSON API and the
/// gateway, so each says the same thing about the same outcome.
struct TaskCanceller: Sendable {
    let tasks: TaskRepository
    let queue: TaskQueue
    let accounts: UpstreamAccounts

    enum Outcome: Sendable, Equatable {
        case cancelled
        /// Not pending or running (or never reached upstream): nothing to cancel.
        case notCancellable(TaskRecord.Status)
        case keyDeleted
        /// Upstream reports another state (e.g. it completed first).
        case upstreamState(String)
        /// Upstream would not cancel it (most often it has just finished); in plain words.
        case refused(reason: String)
        /// Upstream could not be reached; nothing changed.
        case unreachable(reason: String)

        var message: String {
            switch self {
            case .cancelled: "Cancelled. memories.ai does not refund the fee."
            case .notCancellable: "Only pending or running tasks can be cancelled."
            case .keyDeleted: "The key this task was submitted with was deleted."
            case .upstreamState(let state): "memories.ai reports the task as \(state); it was not cancelled."
            case .refused(let reason), .unreachable(let reason): reason
            }
        }
    }

    func cancel(_ task: TaskRecord, by userId: Int64) async throws -> Outcome {
        guard task.status.isCancellable, let upstreamId = task.upstreamTaskId else { return .notCancellable(task.status) }
        guard let account = try await accounts.forTask(kind: task.accountKind, keyId: task.upstreamKeyId, organizationId: task.organizationId) else {
            return .keyDeleted
        }
        do {
            let status = try await accounts.client(for: account).cancel(taskID: upstreamId)
            guard status.status == .cancelled else { return .upstreamState(status.status.rawValue) }
            try await tasks.markCancelled(organizationId: task.organizationId, taskId: task.id, by: userId)
            return .cancelled
        } catch {
            // Most often the task finished meanwhile: look again now rather than at the next poll.
            _ = try? await queue.requestCheck(upstreamTaskId: upstreamId, organizationId: task.organizationId, fingerprints: [])
            let outcome: Outcome
            if case MemoriesError.invalidRequest(let message) = error {
                outcome = .refused(reason: "memories.ai would not cancel it (\(UpstreamMessage.clean(message, hiding: account.apiKey))). It has probably just finished; its state shows in a moment.")
            } else {
                outcome = .unreachable(reason: "Could not reach memories.ai to cancel it: \(UpstreamMessage.clean(UpstreamMessage.describe(error), hiding: account.apiKey)) Nothing changed; try again.")
            }
            try await tasks.recordEvent(taskId: task.id, kind: "cancel_failed", message: "Cancel requested, not done: \(outcome.message)", actor: userId)
            return outcome
        }
    }
}
