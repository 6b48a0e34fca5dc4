import Foundation
import GRDB
import MemoriesClient

/// Tasks of one organisation as pages see them, and people's actions on them (cancel, retry,
/// budgets). Every method takes the organisation id and filters by it. The submit's writes
/// are in `TaskSubmitStore`, the background tracker's in `TaskQueue`.
struct TaskRepository: Sendable {
    let database: AppDatabase

    /// Spend this calendar month (UTC): every task that was or may have been charged.
    static func monthSpend(organizationId: Int64, projectId: Int64, now: Date, in db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: """
                SELECT COALESCE(SUM(COALESCE(reportedCostCents, estimatedCostCents)), 0) FROM task
                WHERE organizationId = ? AND projectId = ? AND createdAt >= ? AND status != 'rejected'
                """),
            arguments: [organizationId, projectId, Money.startOfMonth(now)]
        ) ?? 0
    }

    func monthSpend(organizationId: Int64, projectId: Int64, now: Date = Date()) async throws -> Int {
        try await database.read { db in try Self.monthSpend(organizationId: organizationId, projectId: projectId, now: now, in: db) }
    }

    func find(organizationId: Int64, id: Int64) async throws -> TaskRecord? {
        try await database.read { db in try Self.find(organizationId: organizationId, id: id, in: db) }
    }

    /// The organisation's task, or nil (also for another organisation's id).
    static func find(organizationId: Int64, id: Int64, in db: Database) throws -> TaskRecord? {
        try TaskRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM task WHERE id = ? AND organizationId = ?"), arguments: [id, organizationId])
    }

    /// Rows of the history lists.
    struct Summary: Sendable, FetchableRecord {
        var id: Int64
        var status: TaskRecord.Status
        var resultStatus: TaskRecord.ResultStatus
        var dramaId: Int64
        var dramaTitle: String
        var projectId: Int64
        var projectName: String
        var episodeCount: Int
        var estimatedCostCents: Int
        var progressCompleted: Int?
        var progressTotal: Int?
        var submitterName: String?
        var createdAt: Date
        var upstreamTaskId: String?

        // By hand rather than `Codable`: the history decodes a page of these per request. By
        // position, in `summarySelect`'s order (a name lookup lowercases the name per row).
        init(row: Row) throws {
            id = try row.decode(atIndex: 0)
            status = try row.decode(atIndex: 1)
            resultStatus = try row.decode(atIndex: 2)
            dramaId = try row.decode(atIndex: 3)
            dramaTitle = try row.decode(atIndex: 4)
            projectId = try row.decode(atIndex: 5)
            projectName = try row.decode(atIndex: 6)
            episodeCount = try row.decode(atIndex: 7)
            estimatedCostCents = try row.decode(atIndex: 8)
            progressCompleted = try row.decode(atIndex: 9)
            progressTotal = try row.decode(atIndex: 10)
            submitterName = try row.decode(atIndex: 11)
            createdAt = try row.storedDate(atIndex: 12)
            upstreamTaskId = try row.decode(atIndex: 13)
        }
    }

    struct Filter: Sendable, Equatable {
        var status: TaskRecord.Status?
        var projectId: Int64?
        var dramaId: Int64?
        var submitterId: Int64?
        var since: Date?
        var until: Date?
    }

    static let sorts: [ListQuery.SortOption] = [
        .init(key: "created", label: "Submitted", ascending: "t.id ASC", descending: "t.id DESC")
    ]

    /// The columns and joins behind `Summary` (which reads them by position), shared by the
    /// history and the dashboard.
    static let summarySelect = """
        SELECT t.id, t.status, t.resultStatus, t.dramaId, d.title AS dramaTitle, t.projectId, p.name AS projectName,
               t.episodeCount, t.estimatedCostCents, t.progressCompleted, t.progressTotal,
               u.displayName AS submitterName, t.createdAt, t.upstreamTaskId
        FROM task t
        JOIN drama d ON d.id = t.dramaId
        JOIN project p ON p.id = t.projectId
        LEFT JOIN user u ON u.id = t.submittedByUserId
        """

    func list(organizationId: Int64, filter: Filter, query: ListQuery) async throws -> Page<Summary> {
        var conditions = ["t.organizationId = :org"]
        var arguments: StatementArguments = ["org": organizationId]
        // Each set filter adds one condition with its one bound value.
        let filters: [(sql: String, name: String, value: (any DatabaseValueConvertible)?)] = [
            ("t.status = :status", "status", filter.status?.rawValue),
            ("t.projectId = :project", "project", filter.projectId),
            ("t.dramaId = :drama", "drama", filter.dramaId),
            ("t.submittedByUserId = :submitter", "submitter", filter.submitterId),
            ("t.createdAt >= :since", "since", filter.since),
            ("t.createdAt < :until", "until", filter.until),
        ]
        for (sql, name, value) in filters {
            guard let value else { continue }
            conditions.append(sql)
            _ = arguments.append(contentsOf: [name: value])
        }
        let whereClause = conditions.joined(separator: " AND ")
        let finalArguments = arguments
        return try await database.read { db in
            try query.fetchPage(
                Summary.self,
                countSQL: "SELECT COUNT(*) FROM task t WHERE \(whereClause)",
                selectSQL: "\(Self.summarySelect) WHERE \(whereClause)",
                sorts: Self.sorts, arguments: finalArguments, in: db
            )
        }
    }

    /// The listed tasks' current state, for the history's live updates (this organisation's only).
    func states(organizationId: Int64, ids: [Int64]) async throws -> [TaskRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            try TaskRecord.fetchAll(
                db,
                sql: "SELECT * FROM task WHERE organizationId = ? AND id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments([organizationId] + ids)
            )
        }
    }

    /// The projects and dramas that have tasks, for the history's filters.
    func filterChoices(organizationId: Int64) async throws -> (projects: [(id: Int64, name: String)], dramas: [(id: Int64, title: String)]) {
        try await database.read { db in
            let projects = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT p.id, p.name FROM project p
                    WHERE p.organizationId = ? AND EXISTS (SELECT 1 FROM task t WHERE t.projectId = p.id)
                    ORDER BY p.name COLLATE NOCASE LIMIT 500
                    """),
                arguments: [organizationId]
            ).map { (id: $0["id"] as Int64, name: $0["name"] as String) }
            let dramas = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT d.id, d.title FROM drama d
                    WHERE d.organizationId = ? AND EXISTS (SELECT 1 FROM task t WHERE t.dramaId = d.id)
                    ORDER BY d.title COLLATE NOCASE LIMIT 500
                    """),
                arguments: [organizationId]
            ).map { (id: $0["id"] as Int64, title: $0["title"] as String) }
            return (projects, dramas)
        }
    }

    /// In-flight tasks and this month's spend per project, for the dashboard.
    struct Activity: Sendable {
        var inFlight: [Summary]
        var spend: [(projectId: Int64, projectName: String, cents: Int, budgetCents: Int?)]
    }

    func activity(organizationId: Int64, now: Date = Date()) async throws -> Activity {
        try await database.read { db in
            let inFlight = try Summary.fetchAll(
                db.cachedStatement(sql: """
                    \(Self.summarySelect)
                    WHERE t.organizationId = ? AND (t.status IN ('submitting', 'pending', 'running')
                          OR (t.status = 'completed' AND t.resultStatus IN ('none', 'downloading', 'downloaded', 'ingesting')))
                    ORDER BY t.id DESC LIMIT 20
                    """),
                arguments: [organizationId]
            )
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT p.id, p.name, p.monthlyBudgetCents, COALESCE(SUM(COALESCE(t.reportedCostCents, t.estimatedCostCents)), 0) AS cents
                    FROM task t JOIN project p ON p.id = t.projectId
                    WHERE t.organizationId = ? AND t.createdAt >= ? AND t.status != 'rejected'
                    GROUP BY p.id ORDER BY cents DESC
                    """),
                arguments: [organizationId, Money.startOfMonth(now)]
            )
            return Activity(
                inFlight: inFlight,
                spend: rows.map { (projectId: $0["id"], projectName: $0["name"], cents: $0["cents"], budgetCents: $0["monthlyBudgetCents"]) }
            )
        }
    }

    func recordEvent(taskId: Int64, kind: String, message: String, actor: Int64?) async throws {
        try await database.writer.write { db in try TaskEvent.append(taskId: taskId, kind: kind, message: message, actor: actor, in: db) }
    }

    /// Records a cancel that upstream confirmed.
    func markCancelled(organizationId: Int64, taskId: Int64, by userId: Int64, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET status = 'cancelled', cancelledByUserId = ?, nextCheckAt = NULL,
                           updatedAt = ?, finishedAt = ? WHERE id = ? AND organizationId = ? AND status IN ('pending', 'running')
                    """,
                arguments: [userId, now, now, taskId, organizationId]
            )
            guard db.changesCount > 0 else { return }
            try TaskEvent.append(taskId: taskId, kind: "cancelled", message: "Cancelled.", actor: userId, now: now, in: db)
        }
    }

    /// Reconciles an "outcome unknown" task with the task a person found in the memories.ai
    /// console: from now on it is tracked like any other.
    func attachUpstreamTask(organizationId: Int64, taskId: Int64, upstreamTaskId: String, by userId: Int64, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET status = 'pending', upstreamTaskId = ?, errorMessage = NULL, nextCheckAt = ?, updatedAt = ?
                    WHERE id = ? AND organizationId = ? AND status = 'outcome_unknown'
                    """,
                arguments: [upstreamTaskId, now, now, taskId, organizationId]
            )
            guard db.changesCount > 0 else { throw DomainError.conflict("Only a task whose outcome is unknown can be linked to a memories.ai task.") }
            try TaskEvent.append(
                taskId: taskId, kind: "attached", message: "Linked to memories.ai task \(upstreamTaskId), found in the console.", actor: userId, now: now, in: db
            )
        }
    }

    /// Puts a failed download or ingest back in the tracker's queue.
    func retryResult(organizationId: Int64, taskId: Int64, by userId: Int64, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET resultStatus = CASE resultStatus WHEN 'ingest_failed' THEN 'downloaded' ELSE 'none' END,
                           resultError = NULL, nextCheckAt = ?, checkFailures = 0, downloadAttempts = 0, updatedAt = ?
                    WHERE id = ? AND organizationId = ? AND status = 'completed' AND resultStatus IN ('download_failed', 'ingest_failed')
                    """,
                arguments: [now, now, taskId, organizationId]
            )
            guard db.changesCount > 0 else { throw DomainError.conflict("Only a failed download or ingest can be retried.") }
            try TaskEvent.append(taskId: taskId, kind: "retry", message: "Retry requested.", actor: userId, now: now, in: db)
        }
    }

    /// Episode numbers of the task that produced no storyboard run.
    func episodesWithoutStoryboard(taskId: Int64) async throws -> Set<Int> {
        try await database.read { db in
            Set(try Int.fetchAll(
                db.cachedStatement(sql: """
                    SELECT te.episodeNumber FROM taskEpisode te
                    WHERE te.taskId = ? AND NOT EXISTS (SELECT 1 FROM storyboardRun r WHERE r.taskId = te.taskId AND r.episodeNumber = te.episodeNumber)
                    """),
                arguments: [taskId]
            ))
        }
    }

    func setBudget(organizationId: Int64, projectId: Int64, cents: Int?) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE project SET monthlyBudgetCents = ? WHERE id = ? AND organizationId = ?", arguments: [cents, projectId, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }
}
