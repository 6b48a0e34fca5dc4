import Foundation
import Logging
import MemoriesClient

/// Confirms a reviewed submit: records the task and, before each upstream attempt, an attempt
/// row; then stores what upstream answered. Upstream has no idempotency key and bills at
/// submission, so a send is never repeated unless upstream certainly refused it (the client's
/// rule), and a task row whose submit may have arrived is never submitted again.
struct TaskSubmitter: Sendable {
    let tasks: TaskSubmitStore
    let accounts: UpstreamAccounts
    let pollInterval: Duration
    let logger: Logger

    /// Longest a submit may take before the tracker treats the process as gone.
    static let leaseSeconds: Double = 180

    enum Outcome: Sendable {
        /// Upstream accepted it (or an earlier post of the same form already did).
        case submitted(taskId: Int64)
        /// The same form was posted twice: here is the first task.
        case duplicate(taskId: Int64)
        /// Upstream refused; the message is upstream's reason in plain words.
        case rejected(taskId: Int64, message: String)
        /// It may exist upstream; a person must check before trying again.
        case unknown(taskId: Int64)
    }

    func submit(
        plan: SubmitPlan, drama: Drama, account: UpstreamAccount, tokenHash: String, userId: Int64, resubmittedFrom: Int64? = nil,
        apiKeyId: Int64? = nil, sameRequestSince: Date? = nil
    ) async throws -> Outcome {
        let owner = "submit-\(UUID().uuidString)"
        let created = try await tasks.create(
            TaskSubmitStore.NewTask(
                organizationId: drama.organizationId, projectId: drama.projectId, dramaId: drama.id, account: account,
                submitTokenHash: tokenHash, plan: plan, submittedBy: userId, resubmittedFrom: resubmittedFrom, apiKeyId: apiKeyId, sameRequestSince: sameRequestSince,
                leaseOwner: owner, leaseSeconds: Self.leaseSeconds
            )
        )
        let task: TaskRecord
        switch created {
        case .existing(let existing): return .duplicate(taskId: existing.id)
        case .new(let new): task = new
        }
        let taskId = task.id
        let repository = tasks
        let client = accounts.client(for: account)
        let leaseSeconds = Self.leaseSeconds
        do {
            // Each attempt renews the lease; between attempts (rate-limit back-off) a child
            // task keeps it alive, so the tracker never takes over a submit still in progress.
            let store = tasks
            let submitted = try await LeaseKeeper.run(every: .seconds(leaseSeconds / 3)) {
                try await store.renewSubmitLease(taskId: taskId, owner: owner, seconds: leaseSeconds)
            } _: {
                try await client.submit(plan.request) { attempt in
                    try await repository.recordAttempt(taskId: taskId, number: attempt.number, owner: owner, leaseSeconds: leaseSeconds)
                }
            }
            try await tasks.markSubmitted(taskId: taskId, submitted: submitted, nextCheck: Date().addingTimeInterval(pollInterval.seconds))
            logger.info("task submitted", metadata: ["task": "\(taskId)", "upstream": "\(submitted.taskID)"])
            return .submitted(taskId: taskId)
        } catch let error as MemoriesError {
            switch error {
            case .submitOutcomeUnknown(_, let reason):
                try await tasks.markOutcomeUnknown(taskId: taskId, reason: reason)
                logger.warning("task submit outcome unknown", metadata: ["task": "\(taskId)", "reason": "\(reason)"])
                return .unknown(taskId: taskId)
            default:
                let message = UpstreamMessage.clean(Self.plainWords(error), hiding: account.apiKey)
                try await tasks.markRejected(taskId: taskId, message: message)
                return .rejected(taskId: taskId, message: message)
            }
        } catch is LeaseLost {
            // The tracker took the task over (this request stalled past its lease): it decides
            // from the attempt rows; nothing more is sent from here.
            logger.warning("task submit lost its lease", metadata: ["task": "\(taskId)"])
            return .unknown(taskId: taskId)
        } catch {
            // Our own failure before or around the send (e.g. the attempt row could not be
            // written, so nothing was sent). The tracker's recovery decides from the attempt rows.
            logger.error("task submit failed", metadata: ["task": "\(taskId)", "error": "\(error)"])
            throw error
        }
    }

    /// Upstream's refusal as a sentence for the form.
    static func plainWords(_ error: MemoriesError) -> String {
        switch error {
        case .invalidRequest(let message): "memories.ai refused the request: \(message)"
        case .unauthorized: "memories.ai rejected the API key. Check it under Settings → memories.ai keys."
        case .insufficientBalance: "The memories.ai balance is too low for this task. Top it up in the memories.ai console, then submit again."
        case .rateLimited: "memories.ai is rate limiting this account and retries ran out. Nothing was created; try again in a minute."
        case .network(let reason): "Could not reach memories.ai (\(reason)). Nothing was sent; try again."
        default: error.description
        }
    }
}

