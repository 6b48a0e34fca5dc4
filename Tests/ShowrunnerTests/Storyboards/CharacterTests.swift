import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

/// The drama's merged cast, the cast × episode grid and one character's scenes.
@Suite struct CharacterTests {
    @Test func castIsMergedAcrossTasksAndCountedOverCurrentRuns() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, language: "en")
            // Episode 2 extracted again: a second namelist with the same people, now current for episode 2.
            let second = [IngestedDrama.episodes[1]]
            _ = try await drama.ingest(try IngestFixtures.simulatorZip(episodes: second, language: "en"), database: database, only: [2])
            let cast = try await CharacterRepository(database: database).cast(organizationId: drama.organizationId, dramaId: drama.dramaId)
            let names = cast.members.map(\.name)
            #expect(!names.isEmpty)
            #expect(Set(names).count == names.count, "each character once: \(names)")
            #expect(cast.episodeNumbers == [1, 2])
            // Counts cover the current runs only: the lines of the newest task.
            let (lines, lead) = try await database.writer.read { db in
                let lines = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM dialogueLine l JOIN episodeCurrentRun c ON c.runId = l.runId
                    WHERE l.speakerCharacterId IS NOT NULL
                    """) ?? 0
                let lead = try String.fetchOne(db, sql: "SELECT name FROM taskCharacter WHERE role = 'lead' ORDER BY id LIMIT 1")
                return (lines, lead)
            }
            #expect(cast.members.reduce(0) { $0 + $1.lines } == lines)
            let first = try #require(cast.members.first { $0.name == lead })
            #expect(first.memberIds.count == 2)

            let page = try await browser.get("/o/\(drama.org)/dramas/\(drama.dramaId)/characters")
            #expect(page.status == .ok)
            #expect(page.text.contains(HTMLText.escape(first.name)))
            #expect(page.text.contains("Lines per episode"))
            #expect(page.text.contains("/o/\(drama.org)/dramas/\(drama.dramaId)/characters/\(first.id)"))

            let character = try await browser.get("/o/\(drama.org)/dramas/\(drama.dramaId)/characters/\(first.memberIds[1])")
            #expect(character.status == .ok)
            #expect(character.text.contains("<h1>\(HTMLText.escape(first.name))</h1>"))
            #expect(character.text.contains("/storyboard#scene-"))
            #expect(try await browser.get("/o/\(drama.org)/dramas/\(drama.dramaId)/characters/999999").status == .notFound)
        }
    }

    @Test func anotherOrganisationCannotSeeTheCast() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let characterId = try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM taskCharacter") ?? 0 }
            let outsider = Browser(client: browser.client)
            let rival = Accounts.slug(from: try await Accounts.signUp(outsider, email: "rival-\(UUID().uuidString.prefix(6))@example.com", organization: "Rival"))
            #expect(try await outsider.get("/o/\(rival)/dramas/\(drama.dramaId)/characters").status == .notFound)
            #expect(try await outsider.get("/o/\(rival)/dramas/\(drama.dramaId)/characters/\(characterId)").status == .notFound)
        }
    }
}
