import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Showrunner
import Testing

/// The episode storyboard page, the viewer's JSON and the transcript.
@Suite struct StoryboardPageTests {
    @Test func storyboardPageShowsScenesShotsAndLinesInOrderWithAnchors() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, language: "en")
            let page = try await browser.get(drama.storyboardPath())
            #expect(page.status == .ok)
            let html = page.text
            let (firstHeading, sceneCount, firstLine) = try await database.writer.read { db in
                let heading = try String.fetchOne(db, sql: """
                    SELECT s.heading FROM storyboardScene s JOIN storyboardRun r ON r.id = s.runId
                    WHERE r.episodeId = ? ORDER BY s.number LIMIT 1
                    """, arguments: [drama.firstEpisode])
                let scenes = try Int.fetchOne(db, sql: "SELECT sceneCount FROM storyboardRun WHERE episodeId = ?", arguments: [drama.firstEpisode])
                let line = try Row.fetchOne(db, sql: """
                    SELECT l.text, l.startSeconds FROM dialogueLine l JOIN storyboardRun r ON r.id = l.runId
                    WHERE r.episodeId = ? AND l.ordinal = 1
                    """, arguments: [drama.firstEpisode])
                return (heading, scenes, line)
            }
            let heading = try #require(firstHeading)
            #expect(html.contains(HTMLText.escape(heading)))
            let scenes = try #require(sceneCount)
            #expect(scenes > 0)
            for number in 1...scenes { #expect(html.contains("id=\"scene-\(number)\"")) }
            #expect(html.contains("id=\"shot-1\""))
            #expect(html.contains("id=\"line-1\""))
            let line = try #require(firstLine)
            #expect(html.contains(HTMLText.escape(line["text"] as String)))
            // Scene 1 comes before scene 2 and the first line's time reads HH:MM:SS.mmm.
            let one = try #require(html.range(of: "id=\"scene-1\""))
            if scenes > 1 { #expect(one.lowerBound < (try #require(html.range(of: "id=\"scene-2\""))).lowerBound) }
            #expect(html.range(of: #"\d\d:\d\d:\d\d\.\d\d\d"#, options: .regularExpression) != nil)
            #expect(html.contains("Not reviewed"))
            #expect(html.contains("/o/\(drama.org)/episodes/\(drama.firstEpisode)/storyboard.csv"))
        }
    }

    @Test func timecodesReadAsProductionTeamsWriteThem() {
        #expect(Timecode.display(83.4) == "00:01:23.400")
        #expect(Timecode.display(0) == "00:00:00.000")
        #expect(Timecode.display(3_723.0456) == "01:02:03.046")
        #expect(Timecode.srt(83.4) == "00:01:23,400")
        #expect(Timecode.display(.nan) == "00:00:00.000")
        #expect(Timecode.display(-5) == "00:00:00.000")
        #expect(Timecode.smpte(83.5, fps: 25) == "00:01:23:12")
        #expect(Timecode.smpte(1.16, fps: 25) == "00:00:01:04")
        #expect(Timecode.smpte(1.16, fps: 25) == Timecode.smpte(1.160, fps: 25))
        #expect(Timecode.fragmentValue(83.4) == "83.4")
        #expect(Timecode.parse("00:01:23.400") == 83.4)
        #expect(Timecode.parse("1:23.4") == 83.4)
        #expect(Timecode.parse("83.4") == 83.4)
        #expect(Timecode.parse("01:23,400") == 83.4)
        #expect(Timecode.parse("1:75") == nil)
        #expect(Timecode.parse("abc") == nil)
        #expect(Timecode.parse("-3") == nil)
    }

    @Test func viewerJSONCarriesTheRunAndRevalidatesByETag() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let response = try await browser.get(drama.storyboardPath() + ".json", accept: "application/json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(object["schema"] as? String == "showrunner-storyboard/1")
            let scenes = try #require(object["scenes"] as? [[String: Any]])
            #expect(!scenes.isEmpty)
            #expect(scenes.first?["anchor"] as? String == "scene-1")
            let shots = try #require(scenes.first?["shots"] as? [[String: Any]])
            #expect(shots.first?["startLabel"] as? String == "00:00:00.000")
            let characters = try #require(object["characters"] as? [[String: Any]])
            #expect(!characters.isEmpty)
            let etag = try #require(response.headers[.eTag])
            let again = try await browser.send(
                drama.storyboardPath() + ".json", method: .get, headers: [.ifNoneMatch: etag, .accept: "application/json"], body: nil
            )
            #expect(again.status == .notModified)
        }
    }

    @Test func transcriptListsEveryLineWithSpeakerKindAndTime() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, language: "en")
            let page = try await browser.get("/o/\(drama.org)/episodes/\(drama.firstEpisode)/transcript")
            #expect(page.status == .ok)
            let count = try await database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT lineCount FROM storyboardRun WHERE episodeId = ?", arguments: [drama.firstEpisode]) ?? 0
            }
            #expect(count > 0)
            #expect(page.text.contains("id=\"line-\(count)\""))
            #expect(!page.text.contains("id=\"line-\(count + 1)\""))
            // The rows are rendered once per run and kept; they still link to the run asked for.
            let storyboard = "/o/\(drama.org)/episodes/\(drama.firstEpisode)/storyboard"
            #expect(page.text.contains("href=\"\(storyboard)#line-1\""))
            let run = try await ReviewTests.currentRun(database, episode: drama.firstEpisode)
            let explicit = try await browser.get("/o/\(drama.org)/episodes/\(drama.firstEpisode)/transcript?run=\(run)")
            #expect(explicit.text.contains("href=\"\(storyboard)?run=\(run)#line-1\""))
            let again = try await browser.get("/o/\(drama.org)/episodes/\(drama.firstEpisode)/transcript")
            #expect(again.text.contains("href=\"\(storyboard)#line-\(count)\""))
            #expect(!again.text.contains("?run=\(run)#line-"))
        }
    }

    @Test func episodeWithoutARunSaysSoAndItsJSONIsNotFound() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let (org, dramaId) = try await TaskSteps.drama(browser)
            let episode = try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM episode WHERE dramaId = ? ORDER BY number", arguments: [dramaId]) ?? 0
            }
            let page = try await browser.get("/o/\(org)/episodes/\(episode)/storyboard")
            #expect(page.status == .ok)
            #expect(page.text.contains("No storyboard for this episode yet"))
            #expect(try await browser.get("/o/\(org)/episodes/\(episode)/storyboard.json").status == .notFound)
            #expect(try await browser.get("/o/\(org)/episodes/\(episode)/storyboard?run=abc").status == .notFound)
            #expect(try await browser.get("/o/\(org)/episodes/\(episode)/storyboard?run=999999").status == .notFound)
        }
    }

    @Test func anotherOrganisationGetsNotFoundForEveryStoryboardPath() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let outsider = Browser(client: browser.client)
            let dashboard = try await Accounts.signUp(outsider, email: "outsider-\(UUID().uuidString.prefix(6))@example.com", organization: "Rival")
            let rival = Accounts.slug(from: dashboard)
            let episode = drama.firstEpisode
            for suffix in ["storyboard", "storyboard.json", "transcript", "storyboard.csv", "storyboard.xlsx", "screenplay.fountain", "transcript.srt", "transcript.vtt", ""] {
                let path = "/o/\(rival)/episodes/\(episode)" + (suffix.isEmpty ? "" : "/\(suffix)")
                #expect(try await outsider.get(path).status == .notFound, "\(path)")
            }
            // And the owner's organisation slug is closed to the outsider altogether.
            #expect(try await outsider.get(drama.storyboardPath()).status == .notFound)
            let post = try await outsider.post("/o/\(rival)/episodes/\(episode)/review", form: [("run", "1"), ("decision", "approve")])
            #expect(post.status == .notFound || post.status == .forbidden)
        }
    }

    @Test func hostileStoryboardTextRendersAsInertTextEverywhere() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try HostileStoryboard.zip())
            let episode = drama.firstEpisode
            for suffix in ["storyboard", "transcript", "", "storyboard?run=0"] {
                let path = "/o/\(drama.org)/episodes/\(episode)" + (suffix.isEmpty ? "" : "/\(suffix)")
                let page = try await browser.get(path)
                guard page.status == .ok else { continue }
                for marker in HostileStoryboard.rawMarkers { #expect(!page.text.contains(marker), "\(path) contains \(marker)") }
                // The Mustache-looking text is shown as typed, never evaluated.
                if suffix == "storyboard" {
                    #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                    #expect(page.text.contains("{{chrome.csrf}}") || page.text.contains("{{chrome.csrf}}".replacingOccurrences(of: "{", with: "&#123;")))
                }
            }
            let json = try await browser.get("/o/\(drama.org)/episodes/\(episode)/storyboard.json")
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(json.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let scenes = try #require(object["scenes"] as? [[String: Any]])
            #expect((scenes.first?["summary"] as? String)?.contains(HostileStoryboard.script) == true)
        }
    }
}

/// The download routes: every format for an episode, the drama-wide ones, names and types.
@Suite struct StoryboardDownloadTests {
    @Test func everyExportDownloadsWithItsTypeAndAnEncodedName() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, title: "总裁的契约新娘")
            let episode = "/o/\(drama.org)/episodes/\(drama.firstEpisode)"
            let expected: [(String, String, String)] = [
                ("storyboard.csv", "text/csv", "EP01%20-%20storyboard.csv"),
                ("storyboard.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "storyboard.xlsx"),
                ("screenplay.fountain", "text/plain", "screenplay.fountain"),
                ("transcript.srt", "application/x-subrip", "subtitles.srt"),
                ("transcript.vtt", "text/vtt", "subtitles.vtt"),
            ]
            for (file, type, name) in expected {
                let response = try await browser.get("\(episode)/\(file)")
                #expect(response.status == .ok, "\(file)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(file)")
                let disposition = try #require(response.headers[.contentDisposition])
                #expect(disposition.hasPrefix("attachment; filename=\""))
                #expect(disposition.contains("filename*=UTF-8''%E6%80%BB%E8%A3%81"), "\(disposition)")
                #expect(disposition.contains(name), "\(disposition)")
            }
            let vtt = try await browser.get("\(episode)/transcript.vtt")
            #expect(vtt.text.hasPrefix("WEBVTT"))
            #expect(vtt.text.range(of: #"\d\d:\d\d:\d\d\.\d\d\d --> \d\d:\d\d:\d\d\.\d\d\d"#, options: .regularExpression) != nil)
            let srt = try await browser.get("\(episode)/transcript.srt")
            #expect(srt.text.hasPrefix("1\r\n") || srt.text.hasPrefix("1\n"))
            let csv = try await browser.get("\(episode)/storyboard.csv")
            #expect(csv.text.hasPrefix("\u{FEFF}"))
            let xlsx = try await browser.get("\(episode)/storyboard.xlsx")
            #expect(xlsx.body.readableBytes > 100)
            #expect(xlsx.body.getBytes(at: 0, length: 2) == [0x50, 0x4B])

            let dramaPath = "/o/\(drama.org)/dramas/\(drama.dramaId)"
            let fountain = try await browser.get("\(dramaPath)/screenplay.fountain")
            #expect(fountain.status == .ok)
            #expect(fountain.text.contains("Title:"))
            let dramaCSV = try await browser.get("\(dramaPath)/storyboard.csv")
            #expect(dramaCSV.status == .ok)
            // Both episodes are in the drama export.
            let episodeColumn = dramaCSV.text.split(separator: "\r\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst().first }
            #expect(Set(episodeColumn.map(String.init)).isSuperset(of: ["1", "2"]))
            #expect(try await browser.get("\(dramaPath)/storyboard.xlsx").status == .ok)
            #expect(try await browser.get("\(dramaPath)/transcript.srt").status == .notFound)
        }
    }

    @Test func hostileTextIsNeutralisedInExports() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try HostileStoryboard.zip())
            let episode = "/o/\(drama.org)/episodes/\(drama.firstEpisode)"
            let vtt = try await browser.get("\(episode)/transcript.vtt")
            #expect(!vtt.text.contains("<script>"))
            #expect(!vtt.text.contains("<img"))
            let csv = try await browser.get("\(episode)/storyboard.csv")
            #expect(!csv.text.contains("\u{202E}"))
            let fountain = try await browser.get("\(episode)/screenplay.fountain")
            #expect(fountain.status == .ok)
        }
    }
}
