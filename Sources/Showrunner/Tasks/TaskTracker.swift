import Foundation
import Logging
import MemoriesClient
import ServiceLifecycle

/// Follows every unfinished task to its end: status checks (now when a callback arrives,
/// otherwise polling that backs off), then the result download and its ingest.
///
/// Work is claimed through leases in the database (`TaskQueue`), so a crash loses nothing
/// (the lease runs out and the task is claimed again) and two processes on one database never
/// work on the same task. Upstream calls for one account share its client's rate limiter
/// (1 request per second per key, queued, never burst).
final class TaskTracker: Service, Sendable {
    let queue: TaskQueue
    let tasks: TaskRepository
    let accounts: UpstreamAccounts
    let ingest: TaskResultIngest
    let artifacts: URL
    let maxResultBytes: Int64
    let pollInterval: Duration
    let maxPollInterval: Duration
    let logger: Logger
    let owner = "tracker-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    let tick: Duration

    static let leaseSeconds: Double = 120
    /// Tasks claimed per account and tick. They are worked one after another, because the
    /// account's calls share one rate limiter: running them in parallel would only build a
    /// queue in front of it, and a person's submit or cancel would wait behind every poll.
    static let perAccountBatch = 10
    /// Downloads started before a failure needs a person (each may be billed).
    static let maxDownloadAttempts = 3

    init(
        queue: TaskQueue, tasks: TaskRepository, accounts: UpstreamAccounts, ingest: TaskResultIngest, artifacts: URL,
        maxResultBytes: Int64, pollInterval: Duration, maxPollInterval: Duration, tick: Duration = .seconds(1), logger: Logger
    ) {
        self.queue = queue
        self.tasks = tasks
        self.accounts = accounts
        self.ingest = ingest
        self.artifacts = artifacts
        self.maxResultBytes = maxResultBytes
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.tick = tick
        self.logger = logger
    }

    func run() async throws {
        logger.info("task tracker started", metadata: ["owner": "\(owner)"])
        sweepStalePartialDownloads()
        // Looking for due work is one indexed UPDATE; once a second keeps callbacks (which
        // make a task due now) answered within a second without any in-memory signalling,
        // which would not reach another process anyway.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.runOnce()
                try? await Task.sleep(for: self.tick)
            }
        }
    }

    /// Partial downloads left by a killed process (`.task-N.zip.<uuid>.part`): a live download
    /// renews its file constantly, so anything untouched for an hour is debris.
    func sweepStalePartialDownloads(now: Date = Date()) {
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(at: artifacts, includingPropertiesForKeys: nil) else { return }
        for folder in folders {
            guard let files = try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else { continue }
            for file in files where file.lastPathComponent.hasPrefix(".") && file.pathExtension == "part" {
                let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? now
                if now.timeIntervalSince(modified) > 3600 {
                    try? manager.removeItem(at: file)
                    logger.notice("removed a stale partial download", metadata: ["file": "\(file.lastPathComponent)"])
                }
            }
        }
    }

    /// Claims the due tasks and works on them concurrently; returns when all are done.
    func runOnce(now: Date = Date()) async {
        let claimed: [TaskRecord]
        do {
            claimed = try await queue.claimDue(owner: owner, now: now, leaseSeconds: Self.leaseSeconds, perAccount: Self.perAccountBatch)
        } catch {
            logger.error("could not claim tasks", metadata: ["error": "\(error)"])
            return
        }
        // Accounts in parallel, each account's tasks in turn.
        let byAccount = Dictionary(grouping: claimed, by: \.accountFingerprint)
        await withTaskGroup(of: Void.self) { group in
            for tasks in byAccount.values {
                group.addTask { [self] in
                    for task in tasks.sorted(by: { ($0.nextCheckAt ?? .distantPast) < ($1.nextCheckAt ?? .distantPast) }) {
                        guard !Task.isCancelled else { return }
                        // The lease counts from when the work starts, not from the claim.
                        guard (try? await queue.renewLease(taskId: task.id, owner: owner, until: Date().addingTimeInterval(Self.leaseSeconds))) == true
                        else { continue }
                        await work(on: task)
                    }
                }
            }
        }
    }

    func work(on task: TaskRecord) async {
        do {
            try await advance(task)
        } catch is LeaseLost {
            logger.notice("lease lost", metadata: ["task": "\(task.id)"])
        } catch {
            logger.error("task work failed", metadata: ["task": "\(task.id)", "error": "\(error)"])
            try? await queue.release(taskId: task.id, owner: owner, nextCheck: Date().addingTimeInterval(maxPollInterval.seconds))
        }
    }

    func advance(_ task: TaskRecord) async throws {
        if task.status == .submitting {
            try await queue.recoverInterruptedSubmit(taskId: task.id, owner: owner)
            return
        }
        // A result already on disk needs no upstream call: ingest it whatever happened to the key.
        if task.status == .completed, task.resultStatus == .downloaded || task.resultStatus == .ingesting {
            try await withLeaseRenewal(taskId: task.id) {
                try await self.fetchAndIngest(task, client: nil)
            }
            return
        }
        guard let account = try await accounts.forTask(kind: task.accountKind, keyId: task.upstreamKeyId, organizationId: task.organizationId)
        else {
            let reason = task.accountKind == .server
                ? "the server no longer has the memories.ai key this task was submitted with (SHOWRUNNER_MEMORIES_API_KEY)."
                : "the organisation key this task was submitted with was deleted, or can no longer be decrypted."
            try await queue.stopTracking(taskId: task.id, owner: owner, reason: "Tracking stopped: \(reason) Restore the key to continue.")
            return
        }
        let client = accounts.client(for: account)
        var current = task
        if current.status == .pending || current.status == .running {
            guard let upstreamId = current.upstreamTaskId else {
                try await queue.release(taskId: task.id, owner: owner, nextCheck: nil)
                return
            }
            let status: TaskStatus
            do {
                status = try await client.status(taskID: upstreamId)
            } catch {
                try await queue.recordFailure(
                    taskId: task.id, owner: owner, what: "Status check", error: error, hiding: account.apiKey,
                    nextCheck: retryTime(failures: task.checkFailures)
                )
                return
            }
            guard let updated = try await queue.apply(status, taskId: task.id, owner: owner, nextCheck: nextPoll(for: task)) else {
                throw LeaseLost()
            }
            current = updated
            if current.status != .completed {
                try await queue.release(taskId: task.id, owner: owner, nextCheck: current.nextCheckAt)
                return
            }
        }
        guard current.status == .completed else {
            try await queue.release(taskId: task.id, owner: owner, nextCheck: nil)
            return
        }
        let completed = current
        try await withLeaseRenewal(taskId: task.id) {
            try await self.fetchAndIngest(completed, client: client)
        }
    }

    /// Downloads the zip once (reusing a complete file already in place), then ingests it.
    func fetchAndIngest(_ task: TaskRecord, client: (any ScreenplayAPI)?) async throws {
        let destination = artifacts.appendingPathComponent("org-\(task.organizationId)", isDirectory: true)
            .appendingPathComponent("task-\(task.id).zip")
        var resultStatus = task.resultStatus
        if resultStatus == .none || resultStatus == .downloading {
            if FileManager.default.fileExists(atPath: destination.path), let bytes = Self.fileSize(destination) {
                // A previous run downloaded it and stopped before recording that: do not pay twice.
                try await queue.setResultStatus(
                    .downloaded, taskId: task.id, owner: owner, event: "Found the already downloaded result (\(DisplayFormat.bytes(bytes))).",
                    artifactPath: destination.path, artifactBytes: bytes
                )
            } else {
                try await queue.setResultStatus(.downloading, taskId: task.id, owner: owner, event: resultStatus == .none ? "Downloading the result." : nil)
                guard let upstreamId = task.upstreamTaskId, let client else { throw LeaseLost() }
                let attempt = try await queue.countDownloadAttempt(taskId: task.id, owner: owner)
                do {
                    try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let file = try await client.download(taskID: upstreamId, to: destination, maxBytes: maxResultBytes)
                    try await queue.setResultStatus(
                        .downloaded, taskId: task.id, owner: owner, event: "Downloaded \(DisplayFormat.bytes(file.byteCount)).",
                        artifactPath: destination.path, artifactBytes: file.byteCount
                    )
                } catch let error as MemoriesError where Self.isNotReadyYet(error) || (error.isRetryable && attempt < Self.maxDownloadAttempts) {
                    // Each attempt may be billed: a few, then a person decides.
                    try await queue.recordFailure(
                        taskId: task.id, owner: owner, what: "Download attempt \(attempt) of \(Self.maxDownloadAttempts)", error: error,
                        nextCheck: retryTime(failures: task.checkFailures)
                    )
                    return
                } catch {
                    try await queue.setResultStatus(
                        .downloadFailed, taskId: task.id, owner: owner, event: "Download failed: \(UpstreamMessage.clean(UpstreamMessage.describe(error)))",
                        error: UpstreamMessage.clean(UpstreamMessage.describe(error))
                    )
                    try await queue.release(taskId: task.id, owner: owner, nextCheck: nil)
                    return
                }
            }
            resultStatus = .downloaded
        }
        guard resultStatus == .downloaded || resultStatus == .ingesting else {
            try await queue.release(taskId: task.id, owner: owner, nextCheck: nil)
            return
        }
        try await queue.setResultStatus(.ingesting, taskId: task.id, owner: owner, event: "Ingesting.")
        do {
            try await ingest.ingest(taskId: task.id, organizationId: task.organizationId, archive: destination, owner: owner)
        } catch is LeaseLost {
            throw LeaseLost()
        } catch {
            let reason = UpstreamMessage.clean(String(describing: error))
            try await queue.setResultStatus(
                .ingestFailed, taskId: task.id, owner: owner, event: "Ingest failed: \(reason) The zip is kept; fix and retry.", error: reason
            )
            try await queue.release(taskId: task.id, owner: owner, nextCheck: nil)
        }
    }

    /// Keeps the lease alive while `body` runs (downloads can take minutes).
    func withLeaseRenewal(taskId: Int64, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let (queue, owner) = (queue, owner)
        try await LeaseKeeper.run(every: .seconds(Self.leaseSeconds / 4)) {
            try await queue.renewLease(taskId: taskId, owner: owner, until: Date().addingTimeInterval(Self.leaseSeconds))
        } _: {
            try await body()
        }
    }

    /// Polling backs off with the task's age: every `pollInterval` at first, at most `maxPollInterval`.
    func nextPoll(for task: TaskRecord, now: Date = Date()) -> Date {
        let age = now.timeIntervalSince(task.createdAt)
        let interval = min(maxPollInterval.seconds, max(pollInterval.seconds, age / 10))
        return now.addingTimeInterval(interval)
    }

    func retryTime(failures: Int, now: Date = Date()) -> Date {
        let interval = min(maxPollInterval.seconds, pollInterval.seconds * pow(2, Double(min(failures, 10))))
        return now.addingTimeInterval(interval)
    }

    static func isNotReadyYet(_ error: MemoriesError) -> Bool {
        if case .notCompleted = error { return true }
        return false
    }

    static func fileSize(_ url: URL) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = attributes[.size] as? NSNumber, size.int64Value > 0
        else { return nil }
        return size.int64Value
    }
}
