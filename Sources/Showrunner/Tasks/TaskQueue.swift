import Foundation
import GRDB
import MemoriesClient

/// The tracker's side of the task table: claiming due work under a lease, and the state
/// changes that follow, each with its timeline event in the same transaction.
///
/// A lease is a row owner plus an expiry. Claiming is one UPDATE … RETURNING, so two processes
/// on one database never hold the same task; every later write checks `leaseOwner`, so a
/// process whose lease expired (it stalled, another took over) cannot overwrite newer state.
/// After a crash the lease simply runs out and the task is claimed again.
struct TaskQueue: Sendable {
    let database: AppDatabase

    /// Claims the most overdue tasks, at most `perAccount` of each upstream account (they are
    /// worked one at a time per account, so a bigger share would only wait out its lease).
    func claimDue(owner: String, now: Date = Date(), leaseSeconds: Double, perAccount: Int) async throws -> [TaskRecord] {
        try await database.writer.write { db in
            try TaskRecord.fetchAll(
                db,
                sql: """
                    UPDATE task SET leaseOwner = :owner, leaseExpiresAt = :expires, claimedAt = :now
                    WHERE id IN (SELECT id FROM (
                                   SELECT id, ROW_NUMBER() OVER (PARTITION BY accountFingerprint ORDER BY nextCheckAt, id) AS rank
                                   FROM task
                                   WHERE nextCheckAt IS NOT NULL AND nextCheckAt <= :now
                                     AND (leaseExpiresAt IS NULL OR leaseExpiresAt < :now))
                                 WHERE rank <= :perAccount)
                    RETURNING *
                    """,
                arguments: ["owner": owner, "expires": now.addingTimeInterval(leaseSeconds), "now": now, "perAccount": perAccount]
            )
        }
    }

    /// Extends a lease during long work. False when the lease was lost.
    func renewLease(taskId: Int64, owner: String, until: Date) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE task SET leaseExpiresAt = ? WHERE id = ? AND leaseOwner = ?", arguments: [until, taskId, owner])
            return db.changesCount > 0
        }
    }

    /// Gives the task back, due again at `nextCheck` (nil: no more background work). A
    /// callback that arrived while we worked keeps it due now.
    func release(taskId: Int64, owner: String, nextCheck: Date?, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET leaseOwner = NULL, leaseExpiresAt = NULL,
                           nextCheckAt = CASE WHEN ? IS NOT NULL AND checkRequestedAt > claimedAt AND status IN ('pending', 'running') THEN ? ELSE ? END
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [nextCheck, now, nextCheck, taskId, owner]
            )
        }
    }

    /// A submit whose process died: with an attempt on record it may exist upstream; without
    /// one nothing was ever sent.
    func recoverInterruptedSubmit(taskId: Int64, owner: String, now: Date = Date()) async throws {
        try await database.writer.write { db in
            let attempts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submitAttempt WHERE taskId = ?", arguments: [taskId]) ?? 0
            guard try Self.owns(taskId, owner, status: .submitting, in: db) else { return }
            if attempts > 0 {
                try TaskSubmitStore.markOutcomeUnknown(taskId: taskId, reason: "the server stopped while waiting for the answer", now: now, in: db)
            } else {
                try db.execute(
                    sql: """
                        UPDATE task SET status = 'rejected', errorMessage = ?, nextCheckAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL,
                               updatedAt = ?, finishedAt = ? WHERE id = ?
                        """,
                    arguments: ["The server stopped before the request was sent. Nothing was sent or charged; submit again.", now, now, taskId]
                )
                try TaskEvent.append(
                    taskId: taskId, kind: "rejected", message: "Not sent: the server stopped before the request left. Nothing was charged.",
                    now: now, in: db
                )
            }
        }
    }

    /// Applies an upstream status. Final states never change again, whatever upstream says later.
    /// Returns the task as stored afterwards.
    func apply(_ status: TaskStatus, taskId: Int64, owner: String, nextCheck: Date, now: Date = Date()) async throws -> TaskRecord? {
        try await database.writer.write { db in
            guard var task = try TaskRecord.fetchOne(db, sql: "SELECT * FROM task WHERE id = ? AND leaseOwner = ?", arguments: [taskId, owner])
            else { return nil }
            if task.checkFailures > 0 {
                try TaskEvent.append(taskId: taskId, kind: "reachable", message: "memories.ai answered again.", now: now, in: db)
            }
            task.checkFailures = 0
            guard !task.status.isFinal else {
                try db.execute(sql: "UPDATE task SET checkFailures = 0 WHERE id = ?", arguments: [taskId])
                return task
            }
            switch status.status {
            case .pending:
                task.nextCheckAt = nextCheck
            case .running:
                let completed = status.progress?.completedEpisodes
                let total = status.progress?.totalEpisodes
                if task.status != .running || completed != task.progressCompleted {
                    let progress = completed.map { c in total.map { " \(c)/\($0) episodes" } ?? " \(c) episodes" } ?? ""
                    try TaskEvent.append(taskId: taskId, kind: "running", message: "Running:\(progress.isEmpty ? " started" : progress).", now: now, in: db)
                }
                task.status = .running
                // Upstream's numbers are displayed and divided: keep them sane.
                task.progressCompleted = completed.map { min(max(0, $0), 1_000_000) } ?? task.progressCompleted
                task.progressTotal = total.map { min(max(0, $0), 1_000_000) } ?? task.progressTotal
                task.nextCheckAt = nextCheck
            case .completed:
                task.status = .completed
                task.progressCompleted = task.episodeCount
                task.progressTotal = task.episodeCount
                task.finishedAt = now
                task.nextCheckAt = now
                try TaskEvent.append(taskId: taskId, kind: "completed", message: "Completed upstream.", now: now, in: db)
            case .failed:
                task.status = .failed
                task.errorCode = status.errorCode.map { String($0.prefix(200)) }
                task.errorMessage = status.errorMessage.map { String($0.prefix(2000)) }
                task.finishedAt = now
                task.nextCheckAt = nil
                let detail = [task.errorCode, task.errorMessage].compactMap { $0 }.joined(separator: ": ")
                try TaskEvent.append(taskId: taskId, kind: "failed", message: "Failed upstream" + (detail.isEmpty ? "." : " — \(detail)"), now: now, in: db)
            case .cancelled:
                task.status = .cancelled
                task.finishedAt = now
                task.nextCheckAt = nil
                try TaskEvent.append(taskId: taskId, kind: "cancelled", message: "Cancelled upstream.", now: now, in: db)
            }
            try db.execute(
                sql: """
                    UPDATE task SET status = ?, progressCompleted = ?, progressTotal = ?, errorCode = ?, errorMessage = ?, finishedAt = ?,
                           nextCheckAt = ?, checkFailures = 0, updatedAt = ? WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [
                    task.status.rawValue, task.progressCompleted, task.progressTotal, task.errorCode, task.errorMessage, task.finishedAt,
                    task.nextCheckAt, now, taskId, owner,
                ]
            )
            return task
        }
    }

    /// The task cannot be followed any more (its account is gone): say so once, and stop.
    func stopTracking(taskId: Int64, owner: String, reason: String, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE task SET nextCheckAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ? WHERE id = ? AND leaseOwner = ?",
                arguments: [now, taskId, owner]
            )
            guard db.changesCount > 0 else { return }
            try TaskEvent.append(taskId: taskId, kind: "untracked", message: reason, now: now, in: db)
        }
    }

    /// A status check or download that failed; the event is written once per run of failures.
    func recordFailure(
        taskId: Int64, owner: String, what: String, error: any Error, hiding secret: String? = nil, nextCheck: Date, now: Date = Date()
    ) async throws {
        try await database.writer.write { db in
            let failures = try Int.fetchOne(db, sql: "SELECT checkFailures FROM task WHERE id = ? AND leaseOwner = ?", arguments: [taskId, owner])
            guard let failures else { return }
            if failures == 0 {
                try TaskEvent.append(
                    taskId: taskId, kind: "check_failed", message: "\(what) failed: \(UpstreamMessage.clean(UpstreamMessage.describe(error), hiding: secret)) Retrying automatically.",
                    now: now, in: db
                )
            }
            try db.execute(
                sql: "UPDATE task SET checkFailures = checkFailures + 1, nextCheckAt = ?, leaseOwner = NULL, leaseExpiresAt = NULL WHERE id = ? AND leaseOwner = ?",
                arguments: [nextCheck, taskId, owner]
            )
        }
    }

    /// Counts a download about to start; returns the count including this one.
    func countDownloadAttempt(taskId: Int64, owner: String) async throws -> Int {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE task SET downloadAttempts = downloadAttempts + 1 WHERE id = ? AND leaseOwner = ?", arguments: [taskId, owner])
            guard db.changesCount > 0 else { throw LeaseLost() }
            return try Int.fetchOne(db, sql: "SELECT downloadAttempts FROM task WHERE id = ?", arguments: [taskId]) ?? 0
        }
    }

    func setResultStatus(
        _ status: TaskRecord.ResultStatus, taskId: Int64, owner: String, event: String?, error: String? = nil,
        artifactPath: String? = nil, artifactBytes: Int64? = nil, now: Date = Date()
    ) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET resultStatus = ?, resultError = ?, artifactPath = COALESCE(?, artifactPath),
                           artifactBytes = COALESCE(?, artifactBytes), updatedAt = ?,
                           nextCheckAt = CASE WHEN ? IN ('download_failed', 'ingest_failed') THEN NULL ELSE nextCheckAt END
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [status.rawValue, error, artifactPath, artifactBytes, now, status.rawValue, taskId, owner]
            )
            if let event, db.changesCount > 0 {
                try TaskEvent.append(taskId: taskId, kind: status.rawValue, message: event, now: now, in: db)
            }
        }
    }

    /// Inside the ingest transaction: the task is ingested exactly when its rows are stored.
    static func markIngested(taskId: Int64, owner: String, message: String, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE task SET resultStatus = 'ingested', resultError = NULL, nextCheckAt = NULL, leaseOwner = NULL, leaseExpiresAt = NULL,
                       updatedAt = ? WHERE id = ? AND leaseOwner = ?
                """,
            arguments: [now, taskId, owner]
        )
        guard db.changesCount > 0 else { throw LeaseLost() }
        try TaskEvent.append(taskId: taskId, kind: "ingested", message: message, now: now, in: db)
    }

    /// A callback or a person asked for a fresh status: make the task due now. Harmless to
    /// repeat or to forge — it only schedules a status check.
    func requestCheck(upstreamTaskId: String, organizationId: Int64?, fingerprints: [String], now: Date = Date()) async throws -> Int {
        try await database.writer.write { db in
            var sql = "UPDATE task SET nextCheckAt = :now, checkRequestedAt = :now WHERE upstreamTaskId = :id AND status IN ('pending', 'running')"
            var arguments: StatementArguments = ["now": now, "id": upstreamTaskId]
            if let organizationId {
                sql += " AND organizationId = :org"
                _ = arguments.append(contentsOf: ["org": organizationId])
            }
            if !fingerprints.isEmpty {
                sql += " AND accountFingerprint IN (\(fingerprints.indices.map { ":f\($0)" }.joined(separator: ", ")))"
                for (index, fingerprint) in fingerprints.enumerated() { _ = arguments.append(contentsOf: ["f\(index)": fingerprint]) }
            }
            try db.execute(sql: sql, arguments: arguments)
            return db.changesCount
        }
    }

    static func owns(_ taskId: Int64, _ owner: String, status: TaskRecord.Status, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM task WHERE id = ? AND leaseOwner = ? AND status = ?)", arguments: [taskId, owner, status.rawValue]
        ) ?? false
    }
}

/// Another process took the task over (our lease expired): stop without writing.
struct LeaseLost: Error {}
