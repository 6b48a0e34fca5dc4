import Foundation
import GRDB
import MemoriesClient
import MemoriesSimulator
import Showrunner
import Testing

/// Every way a result can be wrong fails the ingest with a reason that names the file, and
/// leaves the storyboard tables exactly as they were (empty here).
@Suite struct IngestFailureTests {
    /// Ingests `zip` into a fresh scenario, expects failure, and checks nothing was stored.
    func failure(_ zip: URL, episodes: [String: Int64?]? = nil) async throws -> ResultIngestError {
        let scenario = try await IngestScenario.make()
        let error = try await scenario.ingestFailure(zip, episodes: episodes)
        #expect(try await scenario.storedRowCount() == 0, "nothing may be stored after: \(error)")
        return error
    }

    func crafted(
        storyboard edit: (inout StoryboardFile) -> Void = { _ in },
        transcript editTranscript: (inout TranscriptFile) -> Void = { _ in }
    ) throws -> URL {
        try IngestFixtures.craftedZip(IngestFixtures.jsonEntries(IngestFixtures.generated(), storyboard: edit, transcript: editTranscript))
    }

    // MARK: The zip itself

    @Test func traversalEntryFailsTheIngest() async throws {
        let entries = try IngestFixtures.jsonEntries(IngestFixtures.generated()) + [.stored("../../etc/cron.d/x", "* * * * * evil")]
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .archive(.unsafeEntry))
        #expect(error.description.contains("\"..\" component"))
    }

    @Test func absolutePathEntryFailsTheIngest() async throws {
        let entries = try IngestFixtures.jsonEntries(IngestFixtures.generated()) + [.stored("/tmp/namelist.json", "{}")]
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .archive(.unsafeEntry))
        #expect(error.description.contains("absolute path"))
    }

    @Test func symlinkEntryFailsTheIngest() async throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        entries[0] = .symlink(entries[0].name, target: "/etc/passwd")
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .archive(.unsafeEntry))
        #expect(error.description.contains("symbolic link"))
    }

    @Test func zipBombFailsTheIngest() async throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        var bomb = CraftedZip.Entry.deflated("2_transcript.json", stream: ZeroDeflate.stream(zeroBytes: 32 << 20), content: Data(count: 900))
        bomb.declaredUncompressedSize = 900
        entries[3] = bomb
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .archive(.limitExceeded))
        #expect(error.description.contains("2_transcript.json"))
    }

    @Test func truncatedZipFailsTheIngest() async throws {
        let whole = try Data(contentsOf: try IngestFixtures.simulatorZip())
        let error = try await failure(try IngestFixtures.craftedZip(bytes: whole.prefix(whole.count * 2 / 3)))
        #expect(error.kind == .archive(.corrupt))
        #expect(error.description.contains("truncated"))
    }

    @Test func emptyZipFails() async throws {
        let error = try await failure(try IngestFixtures.craftedZip([]))
        #expect(error.kind == .noResultFiles)
    }

    // MARK: The files

    @Test func malformedJSONNamesTheFile() async throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        let index = try #require(entries.firstIndex { $0.name == "2_storyboard.json" })
        entries[index].payload = entries[index].payload.prefix(entries[index].payload.count / 2)  // as a crashed writer leaves it
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .malformedFile)
        #expect(error.file == "2_storyboard.json")
        #expect(error.description.hasPrefix("2_storyboard.json: not valid JSON"))
    }

    @Test func wrongValueNamesTheField() async throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        let index = try #require(entries.firstIndex { $0.name == "1_storyboard.json" })
        let text = String(decoding: entries[index].payload, as: UTF8.self)
        let broken = try #require(text.range(of: "\"size\" : \""))
        entries[index].payload = Data(text.replacingCharacters(in: broken, with: "\"size\" : \"HUGE").utf8)
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .malformedFile)
        #expect(error.description.hasPrefix("1_storyboard.json: scenes[0].shots[0].size:"), "\(error)")
    }

    @Test func missingFieldNamesTheField() async throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        let index = try #require(entries.firstIndex { $0.name == "namelist.json" })
        entries[index].payload = Data(#"{"schema": "showrunner-sim/1", "task_id": "t", "language": "en", "characters": []}"#.utf8)
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.description == "namelist.json: face_recognition: missing")
    }

    @Test func unknownSchemaIsNamed() async throws {
        let error = try await failure(try crafted(storyboard: { $0.schema = "vendor/2" }))
        #expect(error.kind == .malformedFile)
        #expect(error.description == "1_storyboard.json: unknown schema \"vendor/2\" (this version reads showrunner-sim/1)")
    }

    @Test func invariantViolationsAreListed() async throws {
        let error = try await failure(try crafted(storyboard: { storyboard in
            guard storyboard.episode == "2" else { return }
            storyboard.scenes[1].end = storyboard.scenes[1].start  // zero-length scene
        }))
        #expect(error.kind == .invariantViolation)
        #expect(error.file == "2_storyboard.json")
        #expect(error.description.hasPrefix("2_storyboard.json: scene 2: start"), "\(error)")
    }

    @Test func manyViolationsListOnlyTheFirstFew() async throws {
        let error = try await failure(try crafted(transcript: { transcript in
            for index in transcript.lines.indices { transcript.lines[index].end = transcript.lines[index].start }
        }))
        #expect(error.kind == .invariantViolation)
        #expect(error.file == "1_transcript.json")
        #expect(error.message.components(separatedBy: "; ").count == 3)
        #expect(error.message.contains("more)"))
    }

    @Test func unknownCharacterIsAViolation() async throws {
        let error = try await failure(try crafted(storyboard: { storyboard in
            guard storyboard.episode == "1" else { return }
            storyboard.scenes[0].characterIDs.append("Z99")
        }))
        #expect(error.kind == .invariantViolation)
        #expect(error.description == "1_storyboard.json: scene 1: character Z99 is not in namelist.json")
    }

    @Test func lineInTheWrongSceneIsAViolation() async throws {
        let error = try await failure(try crafted(transcript: { transcript in
            guard transcript.episode == "3", let index = transcript.lines.indices.last else { return }
            transcript.lines[index].sceneNumber = 1
        }))
        #expect(error.kind == .invariantViolation)
        #expect(error.file == "3_transcript.json")
        #expect(error.message.contains("not scene 1"))
    }

    @Test func episodeKeyOutsideTheTaskFails() async throws {
        let scenario = try await IngestScenario.make()
        var episodes = scenario.episodeMap
        episodes["3"] = nil
        let error = try await scenario.ingestFailure(try IngestFixtures.simulatorZip(), episodes: episodes)
        #expect(error.kind == .unknownEpisode)
        #expect(error.description == "3_storyboard.json: episode \"3\" is not one of this task's episodes (episodes 1–2)")
        #expect(try await scenario.storedRowCount() == 0)
    }

    @Test func storyboardWithoutItsTranscriptFails() async throws {
        let entries = try IngestFixtures.jsonEntries(IngestFixtures.generated()).filter { $0.name != "2_transcript.json" }
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.kind == .inconsistentFiles)
        #expect(error.description == "2_storyboard.json: has no matching 2_transcript.json")
    }

    @Test func missingNamelistFails() async throws {
        let entries = try IngestFixtures.jsonEntries(IngestFixtures.generated()).filter { $0.name != "namelist.json" }
        let error = try await failure(try IngestFixtures.craftedZip(entries))
        #expect(error.description == "namelist.json: missing, but the zip has episode files")
    }

    @Test func fileForAnotherEpisodeFails() async throws {
        let error = try await failure(try crafted(transcript: { transcript in
            if transcript.episode == "2" { transcript.episode = "5" }
        }))
        #expect(error.kind == .inconsistentFiles)
        #expect(error.description == "2_transcript.json: says it is episode \"5\"")
    }

    // MARK: Earlier results survive a failed retry

    @Test func failedRetryKeepsThePreviousResults() async throws {
        let scenario = try await IngestScenario.make()
        try await scenario.ingest(try IngestFixtures.simulatorZip())
        let stored = try await scenario.storedRowCount()
        let error = try await scenario.ingestFailure(try crafted(storyboard: { $0.schema = "vendor/2" }))
        #expect(error.kind == .malformedFile)
        #expect(try await scenario.storedRowCount() == stored)
    }

    @Test func organisationMismatchIsRefusedByTheDatabase() async throws {
        let scenario = try await IngestScenario.make()
        let otherOrganization = try await scenario.database.writer.write { db in
            try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES ('other', 'Other', ?)", arguments: [Date()])
            return db.lastInsertedRowID
        }
        var refusal = ""
        do {
            _ = try await ResultIngest(database: scenario.database).ingest(
                archiveAt: try IngestFixtures.simulatorZip(), taskId: scenario.taskId, organizationId: otherOrganization,
                episodes: scenario.episodeMap
            )
        } catch {
            refusal = "\(error)"
        }
        #expect(refusal.contains("must equal its task"), "\(refusal)")
        #expect(try await scenario.storedRowCount() == 0)
    }
}
