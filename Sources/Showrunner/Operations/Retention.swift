import Foundation
import GRDB

/// `showrunner gc` and the hourly clean-up: files nothing refers to any more, and the
/// artifacts folder kept under its cap.
///
/// What it removes, and what it never touches:
/// - result zips of tasks that no longer exist (their organisation or drama was deleted);
/// - partial downloads and uploads, received uploads no row refers to, and videos no episode
///   refers to — only once untouched for an hour, so nothing being written is taken;
/// - above `artifactsCap`, the zips of tasks whose result is ingested (the storyboards live in
///   the database), oldest first, each noted on the task's timeline. Never the file of a task
///   still running, downloading or ingesting.
public struct Retention: Sendable {
    public struct Item: Sendable, Equatable {
        public let path: String
        public let bytes: Int64
        public let reason: String
    }

    public struct Report: Sendable, Equatable {
        public var items: [Item] = []
        public var freedBytes: Int64 { items.reduce(0) { $0 + $1.bytes } }
        /// Result zips kept, and their size, after this run (or as it would leave them).
        public var artifactBytes: Int64 = 0
    }

    let database: AppDatabase
    let dataDirectory: URL
    let artifactsCap: Int64?
    let staleAfter: TimeInterval

    public init(database: AppDatabase, dataDirectory: URL, artifactsCap: Int64?, staleAfter: TimeInterval = 3600) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.artifactsCap = artifactsCap
        self.staleAfter = staleAfter
    }

    var artifacts: URL { dataDirectory.appendingPathComponent("artifacts", isDirectory: true) }
    var uploads: URL { dataDirectory.appendingPathComponent("uploads", isDirectory: true) }
    var videos: URL { dataDirectory.appendingPathComponent("videos", isDirectory: true) }

    public func run(dryRun: Bool, now: Date = Date()) async throws -> Report {
        var report = Report()
        let known = try await database.writer.read { db in
            (
                tasks: try Dictionary(
                    Row.fetchAll(db, sql: "SELECT id, artifactPath FROM task").map { (row: Row) in (row[0] as Int64, row[1] as String?) },
                    uniquingKeysWith: { first, _ in first }),
                uploads: Set(try String.fetchAll(db, sql: "SELECT fileName FROM episodeUpload WHERE fileName IS NOT NULL")),
                videos: Set(try String.fetchAll(db, sql: "SELECT fileName FROM episodeVideo"))
            )
        }
        var keptArtifacts: Int64 = 0
        for folder in Self.children(of: artifacts) where Self.isDirectory(folder) {
            for file in Self.children(of: folder) {
                let name = file.lastPathComponent
                if name.hasPrefix(".") && name.hasSuffix(".part") {
                    if isStale(file, now: now) { report.items.append(item(file, "a partial download left by a stopped process")) }
                } else if let id = Self.taskId(fromArtifact: name) {
                    if known.tasks[id] == nil {
                        report.items.append(item(file, "the result of task \(id), which was deleted"))
                    } else {
                        keptArtifacts += Self.size(file)
                    }
                }
            }
        }
        for file in Self.children(of: uploads) where !known.uploads.contains(file.lastPathComponent) && isStale(file, now: now) {
            report.items.append(item(file, file.lastPathComponent.hasPrefix(UploadReceiver.partialPrefix)
                ? "a partial upload" : "a received upload no episode upload refers to"))
        }
        for file in Self.children(of: videos) where !known.videos.contains(file.lastPathComponent) && isStale(file, now: now) {
            report.items.append(item(file, "a video no episode refers to"))
        }
        if !dryRun {
            for item in report.items { try? FileManager.default.removeItem(atPath: item.path) }
        }
        if let artifactsCap, keptArtifacts > artifactsCap {
            let capped = try await capArtifacts(over: artifactsCap, total: keptArtifacts, dryRun: dryRun, now: now)
            report.items += capped
            keptArtifacts -= capped.reduce(0) { $0 + $1.bytes }
        }
        report.artifactBytes = keptArtifacts
        return report
    }

    /// Ingested results, oldest first, until the folder fits; each task notes why its zip is gone.
    private func capArtifacts(over cap: Int64, total: Int64, dryRun: Bool, now: Date) async throws -> [Item] {
        let candidates = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, artifactPath FROM task
                    WHERE resultStatus = 'ingested' AND artifactPath IS NOT NULL AND status IN ('completed', 'failed', 'cancelled')
                    ORDER BY COALESCE(finishedAt, updatedAt), id
                    """
            ).map { (id: $0[0] as Int64, path: $0[1] as String) }
        }
        var remaining = total
        var removed: [Item] = []
        let capText = ByteCountFormatter.string(fromByteCount: cap, countStyle: .file)
        for candidate in candidates where remaining > cap {
            let file = URL(fileURLWithPath: candidate.path)
            let bytes = Self.size(file)
            guard bytes > 0 else { continue }
            removed.append(Item(path: candidate.path, bytes: bytes, reason: "over the cap: the ingested result of task \(candidate.id)"))
            remaining -= bytes
            guard !dryRun else { continue }
            // Recorded first: a zip the task still points at is never deleted behind its back.
            let stillIngested = try await database.writer.write { db -> Bool in
                try db.execute(
                    sql: "UPDATE task SET artifactPath = NULL WHERE id = ? AND resultStatus = 'ingested' AND artifactPath = ?",
                    arguments: [candidate.id, candidate.path])
                guard db.changesCount > 0 else { return false }
                try TaskEvent.append(
                    taskId: candidate.id, kind: "retention",
                    message: "The result zip was removed to keep downloaded results under \(capText). The storyboards stay; downloading it again may be billed.",
                    now: now, in: db)
                return true
            }
            if stillIngested { try? FileManager.default.removeItem(at: file) }
        }
        return removed
    }

    private func item(_ file: URL, _ reason: String) -> Item {
        Item(path: file.path, bytes: Self.size(file), reason: reason)
    }

    private func isStale(_ file: URL, now: Date) -> Bool {
        let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? now
        return now.timeIntervalSince(modified) > staleAfter
    }

    /// `task-12.zip` → 12.
    static func taskId(fromArtifact name: String) -> Int64? {
        guard name.hasPrefix("task-"), name.hasSuffix(".zip") else { return nil }
        return Int64(name.dropFirst(5).dropLast(4))
    }

    static func children(of folder: URL) -> [URL] {
        (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])) ?? []
    }

    static func isDirectory(_ url: URL) -> Bool {
        (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true
    }

    static func size(_ url: URL) -> Int64 {
        Int64((try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0)
    }
}
