import Foundation
import GRDB
import MemoriesClient
import MemoriesSimulator
import Showrunner
import Testing

/// A simulator-built zip lands in the storyboard tables complete and in order, inside one
/// transaction with the caller's `finish`; a repeated ingest replaces the earlier one.
@Suite struct IngestStorageTests {
    @Test func simulatorZipIsStoredWithCorrectCounts() async throws {
        let scenario = try await IngestScenario.make()
        let expected = IngestFixtures.generated()
        let summary = try await scenario.ingest(try IngestFixtures.simulatorZip())

        let expectedScenes = expected.storyboards.map(\.scenes.count)
        let expectedShots = expected.storyboards.map(\.shots.count)
        let expectedLines = expected.transcripts.map(\.lines.count)
        #expect(summary.episodes.map(\.key) == ["1", "2", "3"])
        #expect(summary.episodes.map(\.sceneCount) == expectedScenes)
        #expect(summary.episodes.map(\.shotCount) == expectedShots)
        #expect(summary.episodes.map(\.lineCount) == expectedLines)
        #expect(summary.episodes.map(\.episodeId) == [1, 2, 3].map { scenario.episodeIds[$0] })
        #expect(summary.characterCount == expected.namelist.characters.count)
        #expect(summary.hasStoryboardData)
        #expect(summary.missingEpisodeKeys.isEmpty)
        #expect(expectedShots.allSatisfy { $0 > 20 }, "realistic episodes have dozens of shots")

        #expect(try await scenario.count("storyboardRun") == 3)
        #expect(try await scenario.count("storyboardScene") == expectedScenes.reduce(0, +))
        #expect(try await scenario.count("storyboardShot") == expectedShots.reduce(0, +))
        #expect(try await scenario.count("dialogueLine") == expectedLines.reduce(0, +))
        #expect(try await scenario.count("taskCharacter") == expected.namelist.characters.count)
        let sceneAppearances = expected.storyboards.flatMap(\.scenes).map { Set($0.characterIDs).count }.reduce(0, +)
        let shotAppearances = expected.storyboards.flatMap(\.shots).map { Set($0.characterIDs).count }.reduce(0, +)
        #expect(try await scenario.count("sceneCharacter") == sceneAppearances)
        #expect(try await scenario.count("shotCharacter") == shotAppearances)

        let runs = try scenario.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM storyboardRun ORDER BY episodeNumber")
        }
        for (run, storyboard) in zip(runs, expected.storyboards) {
            #expect(run["assetId"] as String == storyboard.assetID)
            #expect(run["organizationId"] as Int64 == scenario.organizationId)
            #expect(run["durationSeconds"] as Double == storyboard.durationSeconds)
            #expect(run["sceneCount"] as Int == storyboard.scenes.count)
            #expect(run["language"] as String == "zh-CN")
        }
    }

    @Test func episodeReadsBackInOrderWithLinesLinkedToShotsAndSpeakers() async throws {
        let scenario = try await IngestScenario.make()
        let expected = IngestFixtures.generated()
        let summary = try await scenario.ingest(try IngestFixtures.simulatorZip())
        let run = try #require(summary.episodes.first { $0.key == "2" })
        let storyboard = expected.storyboards[1]
        let transcript = expected.transcripts[1]

        let (scenes, shots, lines) = try scenario.database.writer.read { db in
            let scenes = try Row.fetchAll(
                db, sql: "SELECT number, heading, startSeconds FROM storyboardScene WHERE runId = ? ORDER BY number", arguments: [run.runId]
            )
            let shots = try Row.fetchAll(
                db,
                sql: """
                    SELECT shot.number, scene.number AS sceneNumber, shot.size, shot.description FROM storyboardShot shot
                    JOIN storyboardScene scene ON scene.id = shot.sceneId WHERE shot.runId = ? ORDER BY shot.number
                    """,
                arguments: [run.runId]
            )
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT line.ordinal, line.lineKey, line.text, line.speakerKey, speaker.key AS speakerCharacterKey,
                        shot.number AS shotNumber, scene.number AS sceneNumber
                    FROM dialogueLine line
                    JOIN storyboardScene scene ON scene.id = line.sceneId
                    LEFT JOIN storyboardShot shot ON shot.id = line.shotId
                    LEFT JOIN taskCharacter speaker ON speaker.id = line.speakerCharacterId
                    WHERE line.runId = ? ORDER BY line.ordinal
                    """,
                arguments: [run.runId]
            )
            return (scenes, shots, lines)
        }
        #expect(scenes.map { $0["number"] as Int } == storyboard.scenes.map(\.number))
        #expect(scenes.map { $0["heading"] as String } == storyboard.scenes.map(\.heading.text))
        #expect(shots.map { $0["number"] as Int } == Array(1...storyboard.shots.count))
        let sceneOfShot = storyboard.scenes.flatMap { scene in scene.shots.map { _ in scene.number } }
        #expect(shots.map { $0["sceneNumber"] as Int } == sceneOfShot)
        #expect(shots.map { $0["description"] as String } == storyboard.shots.map(\.description))

        #expect(lines.map { $0["ordinal"] as Int } == Array(1...transcript.lines.count))
        #expect(lines.map { $0["lineKey"] as String } == transcript.lines.map(\.id))
        #expect(lines.map { $0["text"] as String } == transcript.lines.map(\.text))
        #expect(lines.map { $0["shotNumber"] as Int? } == transcript.lines.map(\.shotNumber))
        #expect(lines.map { $0["sceneNumber"] as Int } == transcript.lines.map(\.sceneNumber))
        #expect(lines.map { $0["speakerCharacterKey"] as String? } == transcript.lines.map(\.speakerID))
        #expect(lines.contains { ($0["speakerKey"] as String?) == nil }, "the simulator writes some unattributed lines")
    }

    @Test func castIsStoredWithAliasesAndFaceClusters() async throws {
        let scenario = try await IngestScenario.make()
        let namelist = IngestFixtures.generated().namelist
        try await scenario.ingest(try IngestFixtures.simulatorZip())
        let rows = try scenario.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT key, name, aliasesJSON, role, faceClusterId, organizationId FROM taskCharacter ORDER BY id")
        }
        #expect(rows.map { $0["key"] as String } == namelist.characters.map(\.id))
        for (row, character) in zip(rows, namelist.characters) {
            #expect(row["name"] as String == character.name)
            #expect(row["role"] as String == character.role.rawValue)
            #expect(row["faceClusterId"] as String? == character.faceClusterID)
            #expect(row["organizationId"] as Int64 == scenario.organizationId)
            let aliases = try JSONDecoder().decode([String].self, from: Data((row["aliasesJSON"] as String).utf8))
            #expect(aliases == character.aliases)
        }
    }

    @Test func finishRunsInTheSameTransaction() async throws {
        let scenario = try await IngestScenario.make()
        let taskId = scenario.taskId
        let summary = try await scenario.ingest(try IngestFixtures.simulatorZip()) { db, summary in
            // The rows are already visible to `finish`, inside the transaction.
            let runs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE taskId = ?", arguments: [taskId])
            guard runs == summary.episodes.count else { throw IngestTestFailure("finish saw \(runs ?? -1) runs") }
            try db.execute(sql: "UPDATE task SET resultStatus = 'ingested' WHERE id = ?", arguments: [taskId])
        }
        #expect(summary.episodes.count == 3)
        let status = try await scenario.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT resultStatus FROM task WHERE id = ?", arguments: [taskId])
        }
        #expect(status == "ingested")
    }

    @Test func failingFinishRollsEverythingBack() async throws {
        let scenario = try await IngestScenario.make()
        let taskId = scenario.taskId
        await #expect(throws: IngestTestFailure.self) {
            try await scenario.ingest(try IngestFixtures.simulatorZip()) { db, _ in
                try db.execute(sql: "UPDATE task SET resultStatus = 'ingested' WHERE id = ?", arguments: [taskId])
                throw IngestTestFailure("the task could not be marked")
            }
        }
        #expect(try await scenario.storedRowCount() == 0)
        let status = try await scenario.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT resultStatus FROM task WHERE id = ?", arguments: [taskId])
        }
        #expect(status == "ingesting")
    }

    @Test func reingestingTheSameTaskReplacesInsteadOfDuplicating() async throws {
        let scenario = try await IngestScenario.make()
        let zip = try IngestFixtures.simulatorZip()
        let first = try await scenario.ingest(zip)
        let rowsAfterFirst = try await scenario.storedRowCount()
        let second = try await scenario.ingest(zip)

        #expect(try await scenario.storedRowCount() == rowsAfterFirst)
        #expect(try await scenario.count("storyboardRun") == 3)
        #expect(try await scenario.count("taskCharacter") == first.characterCount)
        #expect(second.sceneCount == first.sceneCount && second.lineCount == first.lineCount)
        #expect(Set(second.episodes.map(\.runId)).isDisjoint(with: first.episodes.map(\.runId)), "fresh runs, old ones gone")
    }

    @Test func newestRunOfAnEpisodeIsFoundThroughItsIndex() async throws {
        let scenario = try await IngestScenario.make()
        let zip = try IngestFixtures.simulatorZip()
        try await scenario.ingest(zip)
        let laterTask = try await scenario.addTask()
        let later = try await scenario.ingest(zip, taskId: laterTask)
        let episodeId = try #require(scenario.episodeIds[2])

        let newestSQL = "SELECT id FROM storyboardRun WHERE episodeId = ? ORDER BY ingestedAt DESC, id DESC LIMIT 1"
        let (newest, runCount, plan) = try await scenario.database.writer.read { db in
            (
                try Int64.fetchOne(db, sql: newestSQL, arguments: [episodeId]),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE episodeId = ?", arguments: [episodeId]),
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + newestSQL, arguments: [episodeId]).map { $0["detail"] as String }
            )
        }
        #expect(runCount == 2, "an episode extracted twice keeps both runs")
        #expect(newest == later.episodes.first { $0.key == "2" }?.runId)
        #expect(plan.contains { $0.contains("storyboardRun_episodeId") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
    }

    @Test func deletedCatalogEpisodeIsStoredWithoutItsId() async throws {
        let scenario = try await IngestScenario.make()
        var map = scenario.episodeMap
        map["3"] = .some(nil)
        let summary = try await scenario.ingest(try IngestFixtures.simulatorZip(), episodes: map)
        #expect(summary.episodes.map(\.episodeId) == [scenario.episodeIds[1], scenario.episodeIds[2], nil])
        let stored = try await scenario.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE episodeId IS NULL AND episodeNumber = 3")
        }
        #expect(stored == 1)
    }

    @Test func workbooksOnlyResultIngestsAsNoStoryboardData() async throws {
        let scenario = try await IngestScenario.make()
        let zip = try IngestFixtures.simulatorZip(outputs: [.workbooks, .mergedWorkbook])
        let summary = try await scenario.ingest(zip)
        #expect(!summary.hasStoryboardData)
        #expect(summary.episodes.isEmpty)
        #expect(summary.characterCount == 0)
        #expect(summary.workbooks == ["1.xlsx", "2.xlsx", "3.xlsx", "merged.xlsx"])
        #expect(summary.missingEpisodeKeys.isEmpty, "without JSON nothing is missing")
        #expect(try await scenario.storedRowCount() == 0)
    }

    @Test func episodesWithoutFilesAreReportedNotFatal() async throws {
        let scenario = try await IngestScenario.make(episodes: SimulatedResultArchive.demoEpisodes(count: 4))
        let zip = try IngestFixtures.simulatorZip(episodes: SimulatedResultArchive.demoEpisodes(count: 3))
        let summary = try await scenario.ingest(zip)
        #expect(summary.episodes.map(\.key) == ["1", "2", "3"])
        #expect(summary.missingEpisodeKeys == ["4"])
    }

    @Test func zip64ResultIngests() async throws {
        let scenario = try await IngestScenario.make()
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        for index in entries.indices { entries[index].zip64Sizes = true }
        let summary = try await scenario.ingest(try IngestFixtures.craftedZip(bytes: CraftedZip(entries, zip64Directory: true).bytes()))
        #expect(summary.episodes.count == 3)
        #expect(summary.lineCount == IngestFixtures.generated().transcripts.map(\.lines.count).reduce(0, +))
    }

    @Test func unknownEntriesAreIgnoredAndListed() async throws {
        let scenario = try await IngestScenario.make()
        let entries = try IngestFixtures.jsonEntries(IngestFixtures.generated()) + [.stored("padding.bin", Data(count: 1000))]
        let summary = try await scenario.ingest(try IngestFixtures.craftedZip(entries))
        #expect(summary.ignoredEntries == ["padding.bin"])
        #expect(summary.episodes.count == 3)
    }
}
