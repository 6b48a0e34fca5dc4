import Foundation
import GRDB
import MemoriesClient
import MemoriesSimulator
@testable import Showrunner
import Testing

/// The ingest indexes a new run from its parsed files without reading the rows back; the
/// index it builds must be exactly what `reindexEpisode` builds from the stored rows, and a
/// run someone chose stays the one that is searched.
@Suite struct IngestIndexTests {
    /// Every entry with its searchable text, in insertion order, ids left out.
    static func indexed(_ database: AppDatabase) async throws -> [String] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT x.episodeId, x.runId, x.kind, x.sceneNumber, x.shotNumber, x.lineOrdinal, s.scope, s.body
                FROM searchEntry x JOIN storyboardSearch s ON s.rowid = x.id ORDER BY x.id
                """).map { row in
                (0..<row.count).map { index in row[index].map { "\($0)" } ?? "NULL" }.joined(separator: " | ")
            }
        }
    }

    @Test func ingestIndexesExactlyWhatAReindexOfTheStoredRowsWould() async throws {
        let scenario = try await IngestScenario.make()
        try await scenario.ingest(try IngestFixtures.simulatorZip())
        let fromIngest = try await Self.indexed(scenario.database)

        try await scenario.database.writer.write { [scenario] db in
            for episodeId in scenario.episodeIds.values.sorted() {
                try SearchIndexer(db: db).reindexEpisode(episodeId, organizationId: scenario.organizationId)
            }
        }
        let fromRows = try await Self.indexed(scenario.database)

        let expected = IngestFixtures.generated()
        let texts = expected.storyboards.flatMap(\.scenes).count * 2 + expected.storyboards.flatMap(\.shots).count
            + expected.transcripts.flatMap(\.lines).count
        #expect(fromIngest.count == texts, "a heading, a summary, each shot and each line")
        #expect(fromIngest.count == fromRows.count)
        let firstDifference = zip(fromIngest, fromRows).first { $0 != $1 }
        #expect(firstDifference == nil, "ingest indexed \(firstDifference?.0 ?? ""), a reindex \(firstDifference?.1 ?? "")")
        let matches = try await scenario.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardSearch WHERE storyboardSearch MATCH ?", arguments: [
                "scope : \"o\(scenario.organizationId)\"",
            ])
        }
        #expect(matches == texts, "every text is findable in the organisation's scope")
    }

    @Test func aReingestWithAChosenRunKeepsSearchingTheChosenRun() async throws {
        let scenario = try await IngestScenario.make()
        let zip = try IngestFixtures.simulatorZip()
        let first = try await scenario.ingest(zip)
        let chosen = try #require(first.episodes.first { $0.key == "2" })
        let episodeId = try #require(chosen.episodeId)
        try await scenario.database.writer.write { [scenario] db in
            try db.execute(
                sql: "INSERT INTO episodeRunChoice (episodeId, organizationId, runId, chosenAt) VALUES (?, ?, ?, ?)",
                arguments: [episodeId, scenario.organizationId, chosen.runId, Date()]
            )
        }

        let second = try await scenario.ingest(zip, taskId: try await scenario.addTask())

        let runs = try await scenario.database.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT DISTINCT runId FROM searchEntry WHERE episodeId = ? ORDER BY runId", arguments: [episodeId])
        }
        #expect(runs == [chosen.runId], "the chosen run, not the newer one, is searched")
        let others = second.episodes.filter { $0.key != "2" }
        for run in others {
            let indexedRuns = try await scenario.database.writer.read { db in
                try Int64.fetchAll(db, sql: "SELECT DISTINCT runId FROM searchEntry WHERE episodeId = ?", arguments: [run.episodeId])
            }
            #expect(indexedRuns == [run.runId], "episode \(run.key) is searched in its newest run")
        }
    }
}
