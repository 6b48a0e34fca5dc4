import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Runs the periodic maintenance jobs — scheduled backups and retention — each at its
/// interval, claimed through the `scheduledJob` table so that one process runs a job at a time
/// and restarts do not run it again early.
final class MaintenanceScheduler: Service, Sendable {
    struct Job: Sendable {
        let name: String
        let interval: TimeInterval
        /// Does the work; returns a line for the log and `scheduledJob.lastResult`.
        let work: @Sendable () async throws -> String
    }

    let database: AppDatabase
    let jobs: [Job]
    let tick: Duration
    let logger: Logger
    let owner = "maintenance-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    static let leaseSeconds: TimeInterval = 3600

    init(database: AppDatabase, jobs: [Job], tick: Duration = .seconds(60), logger: Logger) {
        self.database = database
        self.jobs = jobs
        self.tick = tick
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.runDue()
                try? await Task.sleep(for: self.tick)
            }
        }
    }

    func runDue(now: Date = Date()) async {
        for job in jobs where !Task.isCancelled {
            do {
                guard try await claim(job, now: now) else { continue }
            } catch {
                logger.error("could not claim a maintenance job", metadata: ["job": "\(job.name)", "error": "\(error)"])
                continue
            }
            let result: String
            do {
                result = try await job.work()
                logger.info("maintenance job done", metadata: ["job": "\(job.name)", "result": "\(result)"])
            } catch {
                result = "failed: \(error)"
                logger.error("maintenance job failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
            }
            try? await database.writer.write { [owner] db in
                try db.execute(
                    sql: "UPDATE scheduledJob SET leaseOwner = NULL, leaseExpiresAt = NULL, lastRunAt = ?, lastResult = ? WHERE name = ? AND leaseOwner = ?",
                    arguments: [Date(), String(result.prefix(1_000)), job.name, owner])
            }
        }
    }

    private func claim(_ job: Job, now: Date) async throws -> Bool {
        try await database.writer.write { [owner] db in
            try db.execute(
                sql: """
                    INSERT INTO scheduledJob (name, leaseOwner, leaseExpiresAt) VALUES (:name, :owner, :expires)
                    ON CONFLICT(name) DO UPDATE SET leaseOwner = :owner, leaseExpiresAt = :expires
                    WHERE (scheduledJob.leaseExpiresAt IS NULL OR scheduledJob.leaseExpiresAt < :now)
                      AND (scheduledJob.lastRunAt IS NULL OR scheduledJob.lastRunAt <= :due)
                    """,
                arguments: [
                    "name": job.name, "owner": owner, "expires": now.addingTimeInterval(Self.leaseSeconds), "now": now,
                    "due": now.addingTimeInterval(-job.interval),
                ])
            return db.changesCount > 0
        }
    }

    /// A backup into `folder`, keeping the newest `keep` scheduled ones.
    static func backupJob(databasePath: String, folder: URL, interval: TimeInterval, keep: Int) -> Job {
        Job(name: "backup", interval: interval) {
            let destination = folder.appendingPathComponent(DatabaseBackup.timestampedName())
            // VACUUM INTO blocks its thread for as long as the copy takes: not a cooperative one.
            let result = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .utility).async {
                    continuation.resume(with: Result { try DatabaseBackup.backup(databaseAt: databasePath, to: destination) })
                }
            }
            let scheduled = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasPrefix("showrunner-") && $0.hasSuffix(".sqlite") }
                .sorted(by: >)
            for old in scheduled.dropFirst(keep) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(old)) }
            return "\(result.file.lastPathComponent): \(result.bytes) bytes in \(String(format: "%.2f", result.seconds)) s"
        }
    }

    static func retentionJob(_ retention: Retention, interval: TimeInterval = 3600) -> Job {
        Job(name: "retention", interval: interval) {
            let report = try await retention.run(dryRun: false)
            return "removed \(report.items.count) files (\(report.freedBytes) bytes); results kept: \(report.artifactBytes) bytes"
        }
    }
}
