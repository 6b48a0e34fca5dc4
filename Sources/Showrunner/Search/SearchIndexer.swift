import GRDB

/// Keeps the search index equal to each episode's current run. Runs inside the caller's
/// write transaction (ingest, choosing a run), so the index never shows a run the pages don't.
struct SearchIndexer {
    let db: Database

    /// One searchable text of a run: what `reindexEpisode` reads back from the run's rows.
    struct Entry: Sendable {
        enum Kind: String, Sendable {
            case heading, summary, shot, line
        }

        let kind: Kind
        let sceneNumber: Int
        let shotNumber: Int?
        let lineOrdinal: Int?
        let text: String
    }

    /// Replaces the episode's entries with its current run's headings, summaries, shots and lines.
    func reindexEpisode(_ episodeId: Int64, organizationId: Int64) throws {
        try deleteEntries(ofEpisode: episodeId, organizationId: organizationId)
        let first = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM searchEntry"))) ?? 1
        try db.cachedStatement(sql: Self.insertEntries).execute(arguments: ["episode": episodeId, "org": organizationId])
        try db.cachedStatement(sql: Self.insertText).execute(arguments: ["first": first])
        try Self.bumpGeneration(organizationId: organizationId, in: db)
    }

    /// Indexes a run the ingest has just written from `entries` (its parsed content, in
    /// `reindexEpisode`'s order) when it became the episode's current run, without reading its
    /// rows back; when another run is current (someone chose one), reindexes that run.
    func indexIngestedRun(_ runId: Int64, episodeId: Int64, organizationId: Int64, entries: [Entry]) throws {
        guard let current = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.runId, d.projectId, d.id FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId
            JOIN drama d ON d.id = e.dramaId WHERE c.episodeId = ? AND e.organizationId = ?
            """), arguments: [episodeId, organizationId])
        else { return }
        guard current[0] as Int64? == runId else {
            return try reindexEpisode(episodeId, organizationId: organizationId)
        }
        let projectId: Int64 = current[1]
        let dramaId: Int64 = current[2]
        try deleteEntries(ofEpisode: episodeId, organizationId: organizationId)
        let insertEntry = try db.cachedStatement(sql: """
            INSERT INTO searchEntry (organizationId, projectId, dramaId, episodeId, runId, kind, sceneNumber, shotNumber, lineOrdinal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertText = try db.cachedStatement(sql: "INSERT INTO storyboardSearch (rowid, scope, body) VALUES (?, ?, ?)")
        let scope = Self.scope(organizationId: organizationId, projectId: projectId, dramaId: dramaId)
        for entry in entries {
            try insertEntry.execute(arguments: [
                organizationId, projectId, dramaId, episodeId, runId, entry.kind.rawValue, entry.sceneNumber, entry.shotNumber,
                entry.lineOrdinal,
            ])
            try insertText.execute(arguments: [db.lastInsertedRowID, scope, entry.text])
        }
        try Self.bumpGeneration(organizationId: organizationId, in: db)
    }

    /// Tells `SearchResultsCache` (in every process) that the organisation's results may have
    /// changed; migration 0017's triggers do the same for deleted episodes and runs.
    static func bumpGeneration(organizationId: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO searchGeneration (organizationId, generation) VALUES (?, 1)
            ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1
            """).execute(arguments: [organizationId])
    }

    /// The organisation's current generation (0 before anything was indexed).
    static func generation(organizationId: Int64, in db: Database) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT generation FROM searchGeneration WHERE organizationId = ?"), arguments: [organizationId]
        ) ?? 0
    }

    /// The tokens that keep tenants apart inside the index: `o12 p34 d56` (as `insertText` writes them).
    static func scope(organizationId: Int64, projectId: Int64, dramaId: Int64) -> String {
        "o\(organizationId) p\(projectId) d\(dramaId)"
    }

    private func deleteEntries(ofEpisode episodeId: Int64, organizationId: Int64) throws {
        // The trigger on searchEntry removes the text from the FTS index. `+organizationId`
        // keeps SQLite on the episode index: on the organisation's index (its choice without
        // statistics) every reindex read all of the organisation's entries.
        try db.cachedStatement(sql: "DELETE FROM searchEntry WHERE episodeId = ? AND +organizationId = ?")
            .execute(arguments: [episodeId, organizationId])
    }

    private static let currentRun = """
        FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId JOIN drama d ON d.id = e.dramaId
        JOIN storyboardRun r ON r.id = c.runId
        """

    private static let insertEntries = """
        INSERT INTO searchEntry (organizationId, projectId, dramaId, episodeId, runId, kind, sceneNumber, shotNumber, lineOrdinal)
        SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'heading', s.number, NULL, NULL
        \(currentRun) JOIN storyboardScene s ON s.runId = r.id WHERE c.episodeId = :episode AND e.organizationId = :org
        UNION ALL
        SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'summary', s.number, NULL, NULL
        \(currentRun) JOIN storyboardScene s ON s.runId = r.id WHERE c.episodeId = :episode AND e.organizationId = :org
        UNION ALL
        SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'shot', s.number, h.number, NULL
        \(currentRun) JOIN storyboardShot h ON h.runId = r.id JOIN storyboardScene s ON s.id = h.sceneId
        WHERE c.episodeId = :episode AND e.organizationId = :org
        UNION ALL
        SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'line', s.number, h.number, l.ordinal
        \(currentRun) JOIN dialogueLine l ON l.runId = r.id JOIN storyboardScene s ON s.id = l.sceneId
        LEFT JOIN storyboardShot h ON h.id = l.shotId WHERE c.episodeId = :episode AND e.organizationId = :org
        """

    private static let insertText = """
        INSERT INTO storyboardSearch (rowid, scope, body)
        SELECT x.id, 'o' || x.organizationId || ' p' || x.projectId || ' d' || x.dramaId,
               CASE x.kind
                   WHEN 'heading' THEN (SELECT heading FROM storyboardScene WHERE runId = x.runId AND number = x.sceneNumber)
                   WHEN 'summary' THEN (SELECT summary FROM storyboardScene WHERE runId = x.runId AND number = x.sceneNumber)
                   WHEN 'shot' THEN (SELECT description FROM storyboardShot WHERE runId = x.runId AND number = x.shotNumber)
                   ELSE (SELECT text FROM dialogueLine WHERE runId = x.runId AND ordinal = x.lineOrdinal)
               END
        FROM searchEntry x WHERE x.id >= :first
        """
}
