import Foundation
import GRDB

/// Full-text search over the organisation's current storyboards. Work is bounded: only the
/// newest `rankedWindow` matches are ranked by bm25 (`SearchRanking`; ranking every match of a word found in a
/// sixth of a million lines takes hundreds of milliseconds), and results say when they are
/// such a subset.
public struct SearchRepository: Sendable {
    let database: AppDatabase
    /// Rankings already read (nil ranks every time: tests and the search benchmark's cold runs).
    let cache: SearchResultsCache?

    init(database: AppDatabase, cache: SearchResultsCache?) {
        self.database = database
        self.cache = cache
    }

    public static let rankedWindow = 2000
    public static let pageSize = 20

    /// The newest `:window` matches of `:match`, best first, each with the number of matches
    /// seen, up to `:window + 1` (one more than the window says that the window is a subset,
    /// with no second pass over the index). `:scopes` is how many leading phrases of `:match`
    /// are scope tokens, which `showrunner_rank` leaves out of the score (see `SearchRanking`).
    static let rankedSQL = """
        WITH matched AS (
            SELECT rowid AS id, showrunner_rank(storyboardSearch, :scopes) AS score FROM storyboardSearch
            WHERE storyboardSearch MATCH :match ORDER BY rowid DESC LIMIT :window + 1
        ),
        hits AS (SELECT id, score FROM matched ORDER BY id DESC LIMIT :window)
        SELECT id, (SELECT COUNT(*) FROM matched) FROM hits ORDER BY score, id DESC
        """

    /// One hit with its episode, drama, scene heading, speaker, start and text.
    static let detailsSQL = """
        SELECT x.kind, x.episodeId, e.number, e.title, d.id, d.title, x.sceneNumber, x.shotNumber, x.lineOrdinal, s.heading,
               COALESCE(tc.name, l.speakerKey), COALESCE(l.startSeconds, h.startSeconds, s.startSeconds),
               CASE x.kind WHEN 'line' THEN l.text WHEN 'shot' THEN h.description WHEN 'heading' THEN s.heading ELSE s.summary END
        FROM searchEntry x
        JOIN episode e ON e.id = x.episodeId AND e.organizationId = x.organizationId
        JOIN drama d ON d.id = x.dramaId AND d.organizationId = x.organizationId
        JOIN storyboardScene s ON s.runId = x.runId AND s.number = x.sceneNumber
        LEFT JOIN storyboardShot h ON h.runId = x.runId AND h.number = x.shotNumber
        LEFT JOIN dialogueLine l ON l.runId = x.runId AND l.ordinal = x.lineOrdinal
        LEFT JOIN taskCharacter tc ON tc.id = l.speakerCharacterId
        WHERE x.id = ? AND x.organizationId = ?
        """

    public enum Kind: String, Sendable, Equatable {
        case line, heading, summary, shot
    }

    /// Text cut into plain and matched parts (for `<mark>`), never HTML: see `SearchHighlighter`.
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
        let scopePhrases = projectId == nil ? 1 : 2
        let match = "scope : (\(scope)) AND \(query.matchExpression(column: "body"))"
        let page = max(1, min(page, Self.rankedWindow / Self.pageSize))
        let cache = self.cache
        return try await database.read { db in
            let generation = try SearchIndexer.generation(organizationId: organizationId, in: db)
            let ranking: SearchResultsCache.Ranking
            if let cached = cache?.ranking(for: match, generation: generation) {
                ranking = cached
            } else {
                ranking = try Self.rank(match: match, scopes: scopePhrases, generation: generation, in: db)
                cache?.store(ranking, for: match)
            }
            let first = min((page - 1) * Self.pageSize, ranking.ids.count)
            let ids = ranking.ids[first..<min(first + Self.pageSize, ranking.ids.count)]
            let hits = try Self.hits(ids, query: query, organizationId: organizationId, in: db)
            return Results(
                hits: hits, ranked: min(ranking.seen, Self.rankedWindow), isBounded: ranking.seen > Self.rankedWindow, page: page)
        }
    }

    private static func rank(match: String, scopes: Int, generation: Int64, in db: Database) throws -> SearchResultsCache.Ranking {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: Self.rankedSQL), arguments: ["match": match, "scopes": scopes, "window": Self.rankedWindow])
        var ranking = SearchResultsCache.Ranking(generation: generation, ids: [], seen: 0)
        ranking.ids.reserveCapacity(Self.rankedWindow)
        while let row = try rows.next() {
            ranking.ids.append(row[0])
            ranking.seen = row[1]
        }
        return ranking
    }

    private static func hits(_ ids: ArraySlice<Int64>, query: SearchQuery, organizationId: Int64, in db: Database) throws -> [Hit] {
        guard !ids.isEmpty else { return [] }
        let details = try db.cachedStatement(sql: Self.detailsSQL)

        return try ids.compactMap { id in
            guard let row = try Row.fetchOne(details, arguments: [id, organizationId]),
                  let kind = Kind(rawValue: row[0]) else { return nil }
            let text: String = row[12] ?? ""
            return Hit(
                kind: kind, episodeId: row[1], episodeNumber: row[2], episodeTitle: row[3], dramaId: row[4], dramaTitle: row[5],
                sceneNumber: row[6], shotNumber: row[7], lineOrdinal: row[8], heading: row[9], speaker: row[10], start: row[11],
                segments: SearchHighlighter.segments(text, query: query)
            )
        }
    }
}
