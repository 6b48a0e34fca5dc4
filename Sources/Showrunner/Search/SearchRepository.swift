import Foundation
import GRDB

/// Full-text search over the organisation's current storyboards. Work is bounded: only the
/// newest `rankedWindow` matches are ranked by bm25 (ranking every match of a word found in a
/// sixth of a million lines takes hundreds of milliseconds), and results say when they are
/// such a subset.
public struct SearchRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public static let rankedWindow = 2000
    public static let pageSize = 20

    public enum Kind: String, Sendable, Equatable {
        case line, heading, summary, shot
    }

    /// Text cut into plain and matched parts (for `<mark>`), never HTML.
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool
    }

    public struct Hit: Sendable, Equatable {
        public var kind: Kind
        public var episodeId: Int64
        public var episodeNumber: Int
        public var episodeTitle: String
        public var dramaId: Int64
        public var dramaTitle: String
        public var sceneNumber: Int
        public var shotNumber: Int?
        public var lineOrdinal: Int?
        public var heading: String
        public var speaker: String?
        public var start: Double
        public var segments: [Segment]
    }

    public struct Results: Sendable, Equatable {
        public var hits: [Hit]
        /// Matches ranked (at most `rankedWindow`).
        public var ranked: Int
        /// More matches exist beyond the ranked window.
        public var isBounded: Bool
        public var page: Int
        public var pageCount: Int { max(1, (ranked + SearchRepository.pageSize - 1) / SearchRepository.pageSize) }
    }

    /// Results for `query` in the organisation (or one of its projects). `page` is 1-based.
    public func search(_ query: SearchQuery, organizationId: Int64, projectId: Int64? = nil, page: Int = 1) async throws -> Results {
        var scope = "\"o\(organizationId)\""
        if let projectId { scope += " AND \"p\(projectId)\"" }
        let match = "scope : (\(scope)) AND \(query.matchExpression(column: "body"))"
        let page = max(1, min(page, Self.rankedWindow / Self.pageSize))
        return try await database.writer.read { db in
            let ranked = try db.cachedStatement(sql: """
                WITH hits AS (
                    SELECT rowid AS id, bm25(storyboardSearch, 0.0, 1.0) AS score FROM storyboardSearch
                    WHERE storyboardSearch MATCH :match ORDER BY rowid DESC LIMIT :window
                )
                SELECT id, (SELECT COUNT(*) FROM hits) FROM hits ORDER BY score, id DESC LIMIT :limit OFFSET :offset
                """)
            let rows = try Row.fetchAll(ranked, arguments: [
                "match": match, "window": Self.rankedWindow, "limit": Self.pageSize, "offset": (page - 1) * Self.pageSize,
            ])
            let ids: [Int64] = rows.map { $0[0] }
            var total: Int = rows.first?[1] ?? 0
            if rows.isEmpty, page > 1 {
                total = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM (SELECT rowid FROM storyboardSearch WHERE storyboardSearch MATCH ? ORDER BY rowid DESC LIMIT ?)
                    """, arguments: [match, Self.rankedWindow]) ?? 0
            }
            var isBounded = false
            if total >= Self.rankedWindow {
                let beyond = try db.cachedStatement(
                    sql: "SELECT rowid FROM storyboardSearch WHERE storyboardSearch MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
                )
                isBounded = try Int64.fetchOne(beyond, arguments: [match, Self.rankedWindow]) != nil
            }
            let hits = try Self.hits(ids, match: match, organizationId: organizationId, in: db)
            return Results(hits: hits, ranked: total, isBounded: isBounded, page: page)
        }
    }

    /// Private-use markers around matches in `highlight()`: they cannot be typed in a query,
    /// and the text is split on them in Swift, so nothing is ever inserted as HTML.
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    private static func hits(_ ids: [Int64], match: String, organizationId: Int64, in db: Database) throws -> [Hit] {
        guard !ids.isEmpty else { return [] }
        let highlight = try db.cachedStatement(sql: """
            SELECT highlight(storyboardSearch, 1, char(57344), char(57345)) FROM storyboardSearch
            WHERE storyboardSearch MATCH ? AND rowid = ?
            """)
        let details = try db.cachedStatement(sql: """
            SELECT x.kind, x.episodeId, e.number, e.title, d.id, d.title, x.sceneNumber, x.shotNumber, x.lineOrdinal, s.heading,
                   COALESCE(tc.name, l.speakerKey), COALESCE(l.startSeconds, h.startSeconds, s.startSeconds)
            FROM searchEntry x
            JOIN episode e ON e.id = x.episodeId AND e.organizationId = x.organizationId
            JOIN drama d ON d.id = x.dramaId AND d.organizationId = x.organizationId
            JOIN storyboardScene s ON s.runId = x.runId AND s.number = x.sceneNumber
            LEFT JOIN storyboardShot h ON h.runId = x.runId AND h.number = x.shotNumber
            LEFT JOIN dialogueLine l ON l.runId = x.runId AND l.ordinal = x.lineOrdinal
            LEFT JOIN taskCharacter tc ON tc.id = l.speakerCharacterId
            WHERE x.id = ? AND x.organizationId = ?
            """)
        return try ids.compactMap { id in
            guard let row = try Row.fetchOne(details, arguments: [id, organizationId]),
                  let kind = Kind(rawValue: row[0]) else { return nil }
            let marked = try String.fetchOne(highlight, arguments: [match, id]) ?? ""
            return Hit(
                kind: kind, episodeId: row[1], episodeNumber: row[2], episodeTitle: row[3], dramaId: row[4], dramaTitle: row[5],
                sceneNumber: row[6], shotNumber: row[7], lineOrdinal: row[8], heading: row[9], speaker: row[10], start: row[11],
                segments: Self.segments(marked)
            )
        }
    }

    /// Splits highlighted text on the markers; long texts are cut to a window around the first match.
    static func segments(_ marked: String, context: Int = 80) -> [Segment] {
        var segments: [Segment] = []
        var current = ""
        var inMatch = false
        for character in marked {
            if String(character) == open || String(character) == close {
                if !current.isEmpty { segments.append(Segment(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = String(character) == open
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { segments.append(Segment(text: current, isMatch: inMatch)) }
        // Adjacent matched bigrams come back as separate marks; join them.
        var merged: [Segment] = []
        for segment in segments {
            if let last = merged.last, last.isMatch == segment.isMatch {
                merged[merged.count - 1].text += segment.text
            } else {
                merged.append(segment)
            }
        }
        guard let first = merged.firstIndex(where: \.isMatch) else { return merged }
        if first > 0, merged[first - 1].text.count > context {
            merged[first - 1].text = "…" + String(merged[first - 1].text.suffix(context))
        }
        if let lastPlain = merged.indices.last, !merged[lastPlain].isMatch, merged[lastPlain].text.count > context * 2 {
            merged[lastPlain].text = String(merged[lastPlain].text.prefix(context * 2)) + "…"
        }
        return merged
    }
}
