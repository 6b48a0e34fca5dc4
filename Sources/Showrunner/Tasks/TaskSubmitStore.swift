import Foundation
import GRDB
import MemoriesClient

/// The submit's writes: the task row and its episodes before anything is sent, one attempt row
/// before each send (under the submitter's lease), then what upstream answered.
struct TaskSubmitStore: Sendable {
    let database: AppDatabase

    /// A submit that would take the project over its monthly budget.
    struct BudgetExceeded: Error, Equatable {
        var budgetCents: Int
        var spentCents: Int
        var estimateCents: Int

        var message: String {
            "This task would cost about \(Money.format(cents: estimateCents)); the project has spent \(Money.format(cents: spentCents)) "
                + "of its \(Money.format(cents: budgetCents)) monthly budget, leaving \(Money.format(cents: max(0, budgetCents - spentCents))). "
                + "A manager can raise the budget on the project page."
        }
    }

    /// What `create` did: a new task, or the task an earlier post of the same form created.
    enum Created: Sendable {
        case new(TaskRecord)
        case existing(TaskRecord)
    }

    struct NewTask: Sendable {
        var organizationId: Int64
        var projectId: Int64
        var dramaId: Int64
        var account: UpstreamAccount
        var submitTokenHash: String
        var plan: SubmitPlan
        var submittedBy: Int64
        var resubmittedFrom: Int64?
        var apiKeyId: Int64? = nil
        /// The gateway's protection for clients that retry a submit (upstream's protocol has no
        /// idempotency key): the same body from the same key since this time, unless refused,
        /// is the same task.
        var sameRequestSince: Date? = nil
        /// The submit lease: the tracker leaves the row alone while the submitter works.
        var leaseOwner: String
        var leaseSeconds: Double
    }

    /// Records the task and its episodes before anything is sent. A second post of the same
    /// one-time token finds the first task instead; the budget is checked in the same
    /// transaction, so two parallel submits cannot both squeeze under it.
    func create(_ new: NewTask, now: Date = Date()) async throws -> Created {
        try await database.writer.write { db in
            if let existing = try TaskRecord.fetchOne(
                db, sql: "SELECT * FROM task WHERE submitTokenHash = ? AND organizationId = ?",
                arguments: [new.submitTokenHash, new.organizationId]
            ) {
                return .existing(existing)
            }
            if let since = new.sameRequestSince, let apiKeyId = new.apiKeyId, let existing = try TaskRecord.fetchOne(
                db,
                sql: """
                    SELECT * FROM task WHERE organizationId = ? AND apiKeyId = ? AND createdAt >= ? AND requestJSON = ? AND status != 'rejected'
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [new.organizationId, apiKeyId, since, new.plan.requestJSON(pretty: false)]
            ) {
                return .existing(existing)
            }
            if let budget = try Int.fetchOne(
                db, sql: "SELECT monthlyBudgetCents FROM project WHERE id = ? AND organizationId = ?", arguments: [new.projectId, new.organizationId]
            ) {
                let spent = try TaskRepository.monthSpend(organizationId: new.organizationId, projectId: new.projectId, now: now, in: db)
                if spent + new.plan.budgetCents > budget {
                    throw BudgetExceeded(budgetCents: budget, spentCents: spent, estimateCents: new.plan.budgetCents)
                }
            }
            let task = try db.insertReturning(TaskRecord.self, [
                "organizationId": new.organizationId, "projectId": new.projectId, "dramaId": new.dramaId,
                "upstreamKeyId": new.account.keyId, "credentialKind": new.account.kind.rawValue,
                "accountFingerprint": new.account.fingerprint, "submitTokenHash": new.submitTokenHash,
                "mode": new.plan.request.mode, "requestJSON": new.plan.requestJSON(pretty: false),
                "episodeCount": new.plan.items.count, "estimatedCostCents": new.plan.estimateCents,
                "unknownDurationCount": new.plan.unknownDurationNumbers.count, "status": TaskRecord.Status.submitting.rawValue,
                "resubmittedFromTaskId": new.resubmittedFrom, "submittedByUserId": new.submittedBy, "apiKeyId": new.apiKeyId,
                "nextCheckAt": now.addingTimeInterval(new.leaseSeconds), "leaseOwner": new.leaseOwner,
                "leaseExpiresAt": now.addingTimeInterval(new.leaseSeconds), "createdAt": now, "updatedAt": now,
            ])
            let insertEpisode = try db.cachedStatement(
                sql: "INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for item in new.plan.items {
                try insertEpisode.execute(arguments: [task.id, item.number, item.episodeId, item.assetId, item.durationSeconds, item.costCents])
            }
            var message = "Created with \(new.plan.items.count) episodes, estimated \(Money.format(cents: new.plan.estimateCents)), on \(new.account.label)."
            if let from = new.resubmittedFrom {
                message = "Resubmission of task #\(from). " + message
                try TaskEvent.append(
                    taskId: from, kind: "resubmitted", message: "Resubmitted as task #\(task.id).", actor: new.submittedBy, now: now, in: db
                )
            }
            try TaskEvent.append(taskId: task.id, kind: "created", message: message, actor: new.submittedBy, now: now, in: db)
            return .new(task)
        }
    }

    /// The submitter's attempt counter, written before each send (the client's `attemptRecorder`).
    /// Only while the submitter still holds the task: if its lease ran out and the tracker took
    /// over, this throws `LeaseLost` and nothing is sent.
    func recordAttempt(taskId: Int64, number: Int, owner: String, leaseSeconds: Double, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE task SET leaseExpiresAt = ? WHERE id = ? AND leaseOwner = ? AND status = 'submitting'",
                arguments: [now.addingTimeInterval(leaseSeconds), taskId, owner]
            )
            guard db.changesCount > 0 else { throw LeaseLost() }
            try db.execute(sql: "INSERT INTO submitAttempt (taskId, number, sentAt) VALUES (?, ?, ?)", arguments: [taskId, number, now])
            try TaskEvent.append(
                taskId: taskId, kind: "attempt", message: number == 1 ? "Sending to memories.ai." : "Sending again (attempt \(number)); the previous attempt was refused before it was accepted.",
                now: now, in: db
            )
        }
    }

    /// Stores upstream's answer. Also after the tracker gave the submit up as "outcome
    /// unknown" (the answer came late): the upstream id is the truth.
    /// False once the tracker has taken the submit over.
    func renewSubmitLease(taskId: Int64, owner: String, seconds: Double, now: Date = Date()) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE task SET leaseExpiresAt = ?, nextCheckAt = ? WHERE id = ? AND leaseOwner = ? AND status = 'submitting'",
                arguments: [now.addingTimeInterval(seconds), now.addingTimeInterval(seconds), taskId, owner]
            )
            return db.changesCount > 0
        }
    }

    func markSubmitted(taskId: Int64, submitted: SubmittedTask, nextCheck: Date, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET status = 'pending', upstreamTaskId = ?, upstreamCreatedAt = ?, totalDurationSeconds = ?,
                           errorMessage = NULL, nextCheckAt = ?, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ?, finishedAt = NULL
                    WHERE id = ? AND status IN ('submitting', 'outcome_unknown')
                    """,
                arguments: [
                    String(submitted.taskID.prefix(200)), String(submitted.createdAt.prefix(100)),
                    submitted.totalDurationSeconds.isFinite ? min(max(0, submitted.totalDurationSeconds), 10_000_000) : nil,
                    nextCheck, now, taskId,
                ]
            )
            guard db.changesCount > 0 else { return }
            try TaskEvent.append(
                taskId: taskId, kind: "submitted",
                message: "Submitted: memories.ai task \(submitted.taskID), \(EpisodeDuration.format(submitted.totalDurationSeconds)) of video in all.",
                now: now, in: db
            )
        }
    }

    /// Upstream refused the submit: nothing was created or charged.
    func markRejected(taskId: Int64, message: String, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET status = 'rejected', errorMessage = ?, nextCheckAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL,
                           updatedAt = ?, finishedAt = ? WHERE id = ? AND status = 'submitting'
                    """,
                arguments: [message, now, now, taskId]
            )
            guard db.changesCount > 0 else { return }
            try TaskEvent.append(taskId: taskId, kind: "rejected", message: "memories.ai refused the task: \(message)", now: now, in: db)
        }
    }

    /// The submit may have reached upstream. Never retried automatically.
    func markOutcomeUnknown(taskId: Int64, reason: String, now: Date = Date()) async throws {
        try await database.writer.write { db in try Self.markOutcomeUnknown(taskId: taskId, reason: reason, now: now, in: db) }
    }

    static func markOutcomeUnknown(taskId: Int64, reason: String, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE task SET status = 'outcome_unknown', errorMessage = ?, nextCheckAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL,
                       updatedAt = ? WHERE id = ? AND status = 'submitting'
                """,
            arguments: [reason, now, taskId]
        )
        guard db.changesCount > 0 else { return }
        try TaskEvent.append(
            taskId: taskId, kind: "outcome_unknown",
            message: "The submit may have reached memories.ai, but no answer came back (\(reason)). It was not retried, to avoid a second charge.",
            now: now, in: db
        )
    }
}
