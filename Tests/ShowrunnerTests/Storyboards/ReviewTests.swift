import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

/// Approval, comments and the choice of the current run, with their roles.
@Suite struct ReviewTests {
    /// Someone who joins `drama`'s organisation with `role` through an invitation.
    static func join(_ owner: Browser, drama: IngestedDrama, role: String) async throws -> Browser {
        let link = try #require(try await Accounts.invite(owner, org: drama.org, role: role))
        let joiner = Browser(client: owner.client)
        let joined = try await joiner.post(link, form: [
            ("displayName", "A \(role)"), ("email", "\(role)-\(UUID().uuidString.prefix(6))@example.com"), ("password", Accounts.password),
        ])
        #expect(joined.status == .seeOther)
        return joiner
    }

    static func currentRun(_ database: AppDatabase, episode: Int64) async throws -> Int64 {
        try await database.writer.read { db in
            try #require(try Int64.fetchOne(db, sql: "SELECT runId FROM episodeCurrentRun WHERE episodeId = ?", arguments: [episode]))
        }
    }

    @Test func managersApproveOrAskForChangesAndTheHistoryIsKept() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let drama = try await IngestedDrama.make(owner, database: database)
            let episode = drama.firstEpisode
            let run = try await Self.currentRun(database, episode: episode)
            let reviewPath = "/o/\(drama.org)/episodes/\(episode)/review"

            // Needs changes without a reason: the page again, the error by the field, nothing stored.
            let missing = try await owner.post(reviewPath, form: [("run", "\(run)"), ("decision", "changes"), ("reason", "  ")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("id=\"reason-error\""))
            #expect(missing.text.contains("Say what needs to change."))
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runReview") } == 0)

            let changes = try await owner.post(reviewPath, form: [("run", "\(run)"), ("decision", "changes"), ("reason", "Scene 2 <b>speaker</b> is wrong")])
            #expect(changes.status == .seeOther)
            #expect(changes.location?.hasSuffix("#review") == true)
            var page = try await owner.get(drama.storyboardPath())
            #expect(page.text.contains("Needs changes"))
            #expect(page.text.contains("Scene 2 &lt;b&gt;speaker&lt;/b&gt; is wrong"))

            let approve = try await owner.post(reviewPath, form: [("run", "\(run)"), ("decision", "approve")])
            #expect(approve.status == .seeOther)
            page = try await owner.get(drama.storyboardPath())
            #expect(page.text.contains("badge review-approved"))

            let episodePage = try await owner.get(drama.episodePath())
            #expect(episodePage.status == .ok)
            #expect(episodePage.text.contains("approved the storyboard"))
            #expect(episodePage.text.contains("asked for changes"))

            let dramaPage = try await owner.get("/o/\(drama.org)/dramas/\(drama.dramaId)")
            #expect(dramaPage.text.contains("Review: 1 approved, 0 need changes, 1 not reviewed"))

            // A decision on a run that is not this episode's is a 404, and an unknown decision a 400.
            let otherEpisodeRun = try await Self.currentRun(database, episode: drama.episodeIds[2] ?? 0)
            #expect(try await owner.post(reviewPath, form: [("run", "\(otherEpisodeRun)"), ("decision", "approve")]).status == .notFound)
            #expect(try await owner.post(reviewPath, form: [("run", "\(run)"), ("decision", "maybe")]).status == .badRequest)
            #expect(try await owner.post(reviewPath, form: [("decision", "approve")]).status == .badRequest)
        }
    }

    @Test func membersCommentButCannotApproveAndViewersOnlyRead() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let drama = try await IngestedDrama.make(owner, database: database)
            let episode = drama.firstEpisode
            let run = try await Self.currentRun(database, episode: episode)
            let member = try await Self.join(owner, drama: drama, role: "member")
            let viewer = try await Self.join(owner, drama: drama, role: "viewer")
            let reviewPath = "/o/\(drama.org)/episodes/\(episode)/review"
            let commentsPath = "/o/\(drama.org)/episodes/\(episode)/comments"

            #expect(try await member.post(reviewPath, form: [("run", "\(run)"), ("decision", "approve")]).status == .forbidden)
            #expect(try await viewer.post(commentsPath, form: [("run", "\(run)"), ("scene", "1"), ("body", "hi")]).status == .forbidden)
            let viewerPage = try await viewer.get(drama.storyboardPath())
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.text.contains("id=\"comment-form\""))
            #expect(!viewerPage.text.contains("value=\"approve\""))

            // A shot that is not in the scene: the error by the field, the text kept.
            let wrong = try await member.post(commentsPath, form: [("run", "\(run)"), ("scene", "1"), ("shot", "9999"), ("body", "Cut earlier")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"shot-error\""))
            #expect(wrong.text.contains(">Cut earlier</textarea>"))
            let badTime = try await member.post(commentsPath, form: [("run", "\(run)"), ("scene", "1"), ("at", "soon"), ("body", "Cut")])
            #expect(badTime.status == .unprocessableContent)
            #expect(badTime.text.contains("id=\"at-error\""))
            let empty = try await member.post(commentsPath, form: [("run", "\(run)"), ("scene", "1"), ("body", " ")])
            #expect(empty.status == .unprocessableContent)
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reviewComment") } == 0)

            let added = try await member.post(commentsPath, form: [
                ("run", "\(run)"), ("scene", "1"), ("shot", "1"), ("at", "00:00:01.500"), ("body", "Speaker <i>should</i> be Lin"),
            ])
            #expect(added.status == .seeOther)
            let commentId = try #require(added.location?.split(separator: "-").last.flatMap { Int64($0) })
            var page = try await member.get(drama.storyboardPath())
            #expect(page.text.contains("Speaker &lt;i&gt;should&lt;/i&gt; be Lin"))
            #expect(page.text.contains("00:00:01.500"))
            #expect(page.text.contains("(1 open)"))

            let resolve = try await owner.post("/o/\(drama.org)/episodes/\(episode)/comments/\(commentId)/resolve", form: [("run", "\(run)")])
            #expect(resolve.status == .seeOther)
            page = try await member.get(drama.storyboardPath())
            #expect(page.text.contains("(0 open)"))
            #expect(page.text.contains("Resolved by"))
            // The comment through another episode's path is not found.
            let other = drama.episodeIds[2] ?? 0
            #expect(try await owner.post("/o/\(drama.org)/episodes/\(other)/comments/\(commentId)/reopen", form: []).status == .notFound)
        }
    }

    @Test func aNewerRunBecomesCurrentUnlessSomeoneChoseOne() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let drama = try await IngestedDrama.make(owner, database: database)
            let episode = drama.firstEpisode
            let first = try await Self.currentRun(database, episode: episode)
            try await owner.post("/o/\(drama.org)/episodes/\(episode)/review", form: [("run", "\(first)"), ("decision", "approve")])
            _ = try await drama.ingest(try IngestFixtures.simulatorZip(episodes: IngestedDrama.episodes, language: "en"), database: database)
            let second = try await Self.currentRun(database, episode: episode)
            #expect(second != first)
            // Approval belongs to the run: the newer one is not reviewed.
            #expect(try await owner.get(drama.storyboardPath()).text.contains("Not reviewed"))
            let older = try await owner.get(drama.storyboardPath() + "?run=\(first)")
            #expect(older.status == .ok)
            #expect(older.text.contains("an earlier run"))

            let chosen = try await owner.post("/o/\(drama.org)/episodes/\(episode)/current-run", form: [("run", "\(first)")])
            #expect(chosen.status == .seeOther)
            #expect(try await Self.currentRun(database, episode: episode) == first)
            let json = try await owner.get(drama.storyboardPath() + ".json")
            #expect(json.text.contains("\"id\":\(first)"))
            let episodePage = try await owner.get(drama.episodePath())
            #expect(episodePage.text.contains("made the run of (task #\(drama.taskId)) current"))
            #expect(episodePage.text.contains("chosen by"))

            // A third ingest does not replace the chosen run.
            _ = try await drama.ingest(try IngestFixtures.simulatorZip(episodes: IngestedDrama.episodes), database: database)
            #expect(try await Self.currentRun(database, episode: episode) == first)
            let member = try await Self.join(owner, drama: drama, role: "member")
            #expect(try await member.post("/o/\(drama.org)/episodes/\(episode)/current-run", form: [("run", "\(second)")]).status == .forbidden)
        }
    }
}
