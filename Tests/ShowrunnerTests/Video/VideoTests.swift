import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import NIOCore
import Showrunner
import Testing

/// The episode video: fetched once from upstream, served with byte ranges to members only,
/// and the player on the storyboard page.
@Suite struct VideoTests {
    static func get(_ browser: Browser, _ path: String, range: String? = nil, extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "*/*"]
        if let range { headers[.range] = range }
        for field in extra { headers.append(field) }
        return try await browser.send(path, method: .get, headers: headers, body: nil)
    }

    static func bytes(_ response: TestResponse) -> [UInt8] {
        Array(response.body.readableBytesView)
    }

    @Test func rangesAreServedFromOneFetch() async throws {
        let fake = VideoUpstream(size: 1 << 20)
        let database = try TestApp.database()
        try await TestApp.run(database: database, upstream: fake.upstream) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let path = "/o/\(drama.org)/episodes/\(drama.firstEpisode)/video"
            let size = fake.size

            let whole = try await Self.get(browser, path)
            #expect(whole.status == .ok)
            #expect(whole.headers[.acceptRanges] == "bytes")
            #expect(whole.headers[.contentType] == "video/mp4")
            #expect(whole.headers[.contentLength] == String(size))
            #expect(Self.bytes(whole) == VideoUpstream.bytes(0...(size - 1)))

            let first = try await Self.get(browser, path, range: "bytes=0-99")
            #expect(first.status == .partialContent)
            #expect(first.headers[.contentRange] == "bytes 0-99/\(size)")
            #expect(first.headers[.contentLength] == "100")
            #expect(Self.bytes(first) == VideoUpstream.bytes(0...99))

            let middle = try await Self.get(browser, path, range: "bytes=500000-500999")
            #expect(middle.status == .partialContent)
            #expect(Self.bytes(middle) == VideoUpstream.bytes(500_000...500_999))

            let open = try await Self.get(browser, path, range: "bytes=\(size - 10)-")
            #expect(open.headers[.contentRange] == "bytes \(size - 10)-\(size - 1)/\(size)")
            #expect(Self.bytes(open) == VideoUpstream.bytes((size - 10)...(size - 1)))

            let suffix = try await Self.get(browser, path, range: "bytes=-16")
            #expect(suffix.status == .partialContent)
            #expect(Self.bytes(suffix) == VideoUpstream.bytes((size - 16)...(size - 1)))

            let past = try await Self.get(browser, path, range: "bytes=\(size)-")
            #expect(past.status == .rangeNotSatisfiable)
            #expect(past.headers[.contentRange] == "bytes */\(size)")

            // Ranges this server does not split (several, other units, nonsense) get the whole file.
            for header in ["bytes=0-1,5-9", "items=0-5", "bytes=abc", "bytes=9-3"] {
                let answer = try await Self.get(browser, path, range: header)
                #expect(answer.status == .ok, "\(header)")
                #expect(answer.headers[.contentLength] == String(size), "\(header)")
            }

            let etag = try #require(whole.headers[.eTag])
            #expect(try await Self.get(browser, path, extra: [.ifNoneMatch: etag]).status == .notModified)
            // A stale If-Range sends the whole file, not the part.
            #expect(try await Self.get(browser, path, range: "bytes=0-9", extra: [.ifRange: "\"other\""]).status == .ok)
            let head = try await browser.send(path, method: .head, headers: [:], body: nil)
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == String(size))
            #expect(head.body.readableBytes == 0)

            // Downloads are billed: all of that was one fetch.
            #expect(fake.downloadCount == 1)
            let kept = try await database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT source, byteCount FROM episodeVideo WHERE episodeId = ?", arguments: [drama.firstEpisode])
            }
            #expect(kept?["source"] == "download")
            #expect(kept?["byteCount"] == Int64(size))
        }
    }

    @Test func theVideoIsForMembersOfTheOrganisationOnly() async throws {
        let fake = VideoUpstream(size: 4096)
        let database = try TestApp.database()
        try await TestApp.run(database: database, upstream: fake.upstream) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let path = "/o/\(drama.org)/episodes/\(drama.firstEpisode)/video"
            try await TestApp.run(database: database, upstream: fake.upstream) { outsider in
                let rival = try await IngestedDrama.make(outsider, database: database, title: "Rival")
                // Their own organisation's path with our episode id, and our organisation's path.
                #expect(try await Self.get(outsider, "/o/\(rival.org)/episodes/\(drama.firstEpisode)/video").status == .notFound)
                #expect(try await Self.get(outsider, path).status == .notFound)
            }
            let anonymous = try await TestApp.run(database: database, upstream: fake.upstream) { visitor in
                try await Self.get(visitor, path).status
            }
            #expect(anonymous == .seeOther || anonymous == .found || anonymous == .unauthorized)
            #expect(fake.downloadCount == 0)
            #expect(try await Self.get(browser, "/o/\(drama.org)/episodes/999999/video").status == .notFound)
        }
    }

    @Test func theStoryboardPageHasThePlayerOrSaysWhyNot() async throws {
        let fake = VideoUpstream(failure: .notFound(message: "Asset not found"))
        let database = try TestApp.database()
        try await TestApp.run(database: database, upstream: fake.upstream) { browser in
            let drama = try await IngestedDrama.make(browser, database: database)
            let page = try await browser.get(drama.storyboardPath())
            #expect(page.text.contains("id=\"episode-video\""))
            #expect(page.text.contains("src=\"/o/\(drama.org)/episodes/\(drama.firstEpisode)/video\""))
            #expect(page.text.contains("/transcript.vtt"))
            #expect(page.text.contains("/static/js/episode-player.js"))

            let missing = try await Self.get(browser, "/o/\(drama.org)/episodes/\(drama.firstEpisode)/video")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Asset not found"))
            // Remembered: the page now says so, and asking again costs no second download.
            let after = try await browser.get(drama.storyboardPath())
            #expect(!after.text.contains("id=\"episode-video\""))
            #expect(after.text.contains("No video for this episode"))
            #expect(after.text.contains("Asset not found"))
            _ = try await Self.get(browser, "/o/\(drama.org)/episodes/\(drama.firstEpisode)/video")
            #expect(fake.downloadCount == 1)
        }
    }
}
