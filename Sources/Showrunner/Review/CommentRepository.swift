import Foundation
import GRDB

/// Comments on a run's scenes, shots and lines. Every method takes the organisation id.
public struct CommentRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public static let maximumLength = 4000

    /// Where a comment points, by the numbers people see (scene number, shot number,
    /// transcript line number), checked against the run.
    public struct Target: Sendable, Equatable {
        public var sceneNumber: Int
        public var shotNumber: Int?
        public var lineOrdinal: Int?
        public var atSeconds: Double?

        public init(sceneNumber: Int, shotNumber: Int? = nil, lineOrdinal: Int? = nil, atSeconds: Double? = nil) {
            self.sceneNumber = sceneNumber
            self.shotNumber = shotNumber
            self.lineOrdinal = lineOrdinal
            self.atSeconds = atSeconds
        }
    }

    public struct Comment: Sendable, Equatable, Identifiable {
        public var id: Int64
        public var sceneNumber: Int
        public var shotNumber: Int?
        public var lineOrdinal: Int?
        public var atSeconds: Double?
        public var body: String
        public var author: String
        public var createdAt: Date
        public var resolvedAt: Date?
        public var resolvedBy: String?
    }

    /// Problems with a new comment, each naming the form field it belongs to.
    public struct InvalidComment: Error, Sendable, Equatable {
        public var field: String
        public var message: String
    }

    public func add(_ body: String, at target: Target, organizationId: Int64, episodeId: Int64, runId: Int64, userId: Int64) async throws -> Int64 {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw InvalidComment(field: "body", message: "Write a comment.") }
        guard text.count <= Self.maximumLength else {
            throw InvalidComment(field: "body", message: "Keep comments under \(Self.maximumLength) characters.")
        }
        let now = Date()
        return try await database.writer.write { db in
            _ = try ReviewRepository.requireRun(runId, episodeId: episodeId, organizationId: organizationId, in: db)
            guard let scene = try Row.fetchOne(
                db, sql: "SELECT id, startSeconds, endSeconds FROM storyboardScene WHERE runId = ? AND number = ?",
                arguments: [runId, target.sceneNumber]
            ) else { throw InvalidComment(field: "scene", message: "This storyboard has no scene \(target.sceneNumber).") }
            let sceneId: Int64 = scene[0]
            var shotId: Int64?
            if let number = target.shotNumber {
                shotId = try Int64.fetchOne(
                    db, sql: "SELECT id FROM storyboardShot WHERE runId = ? AND sceneId = ? AND number = ?", arguments: [runId, sceneId, number]
                )
                if shotId == nil { throw InvalidComment(field: "shot", message: "Scene \(target.sceneNumber) has no shot \(number).") }
            }
            var lineId: Int64?
            if let ordinal = target.lineOrdinal {
                lineId = try Int64.fetchOne(
                    db, sql: "SELECT id FROM dialogueLine WHERE runId = ? AND sceneId = ? AND ordinal = ?", arguments: [runId, sceneId, ordinal]
                )
                if lineId == nil { throw InvalidComment(field: "line", message: "Scene \(target.sceneNumber) has no line \(ordinal).") }
            }
            if let at = target.atSeconds {
                guard at.isFinite, at >= 0 else { throw InvalidComment(field: "at", message: "Give a time like 00:01:23.400.") }
            }
            try db.execute(
                sql: """
                    INSERT INTO reviewComment (organizationId, runId, sceneId, shotId, lineId, atSeconds, body, authorUserId, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [organizationId, runId, sceneId, shotId, lineId, target.atSeconds, text, userId, now]
            )
            return db.lastInsertedRowID
        }
    }

    /// Marks the comment resolved (or open again). `DomainError.notFound` for another run's or tenant's comment.
    public func setResolved(_ resolved: Bool, commentId: Int64, organizationId: Int64, episodeId: Int64, userId: Int64) async throws {
        let now = Date()
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE reviewComment SET resolvedAt = ?, resolvedByUserId = ?
                    WHERE id = ? AND organizationId = ?
                      AND runId IN (SELECT id FROM storyboardRun WHERE episodeId = ? AND organizationId = ?)
                    """,
                arguments: [resolved ? now : nil, resolved ? userId : nil, commentId, organizationId, episodeId, organizationId]
            )
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    /// The run's comments in storyboard order (scene, then when written).
    public func comments(organizationId: Int64, runId: Int64) async throws -> [Comment] {
        try await database.read { db in try Self.comments(organizationId: organizationId, runId: runId, in: db) }
    }

    /// The same within a read the caller already holds (the storyboard page reads its header too).
    static func comments(organizationId: Int64, runId: Int64, in db: Database) throws -> [Comment] {
        let statement = try db.cachedStatement(sql: """
            SELECT c.id, s.number, h.number, l.ordinal, c.atSeconds, c.body, a.displayName, c.createdAt, c.resolvedAt, r.displayName
            FROM reviewComment c
            JOIN storyboardScene s ON s.id = c.sceneId
            LEFT JOIN storyboardShot h ON h.id = c.shotId
            LEFT JOIN dialogueLine l ON l.id = c.lineId
            LEFT JOIN user a ON a.id = c.authorUserId
            LEFT JOIN user r ON r.id = c.resolvedByUserId
            WHERE c.runId = ? AND c.organizationId = ?
            ORDER BY s.number, c.id
            """)
        return try Row.fetchAll(statement, arguments: [runId, organizationId]).map { row in
            let resolvedAt: Date? = row[8]
            return Comment(
                id: row[0], sceneNumber: row[1], shotNumber: row[2], lineOrdinal: row[3], atSeconds: row[4], body: row[5],
                author: (row[6] as String?) ?? "a former member", createdAt: row[7], resolvedAt: resolvedAt,
                resolvedBy: resolvedAt == nil ? nil : (row[9] as String?) ?? "a former member"
            )
        }
    }
}
