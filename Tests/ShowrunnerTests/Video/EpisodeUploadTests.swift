import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import MemoriesSimulator
import NIOCore
import Showrunner
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// "Upload episodes" through the real app into the in-process simulator: the file streamed to
/// our disk, forwarded (direct or signed URL), polled until upstream is done, and the episode
/// given its asset id and duration; refusals, interruptions, restarts, failures and tenancy.
@Suite struct EpisodeUploadTests {
    @Test(arguments: [false, true])
    func uploadsGiveEpisodesTheirAssetAndDuration(signed: Bool) async throws {
        let data = TestApp.temporaryDirectory()
        try await SimulatedUpstream.run { sim in
            // Upstream processes an upload for 3 simulated seconds: a few milliseconds here.
            await sim.simulator.setSpeed(1_000)
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: {
                UploadSteps.fastForwarder(&$0, data: data, signedFrom: signed ? 1 : 1 << 40)
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let video = try UploadSteps.video(seconds: 2)
                // Episode 2 exists (its video is replaced); 第7集 is new.
                let replaced = try await UploadSteps.upload(browser, org: org, drama: drama, episode: "2", name: "EP02.mp4", bytes: video)
                #expect(replaced.status == .created, "\(replaced.text)")
                #expect(UploadSteps.json(replaced)["status"] as? String == "queued")
                let created = try await UploadSteps.upload(browser, org: org, drama: drama, episode: "7", name: "第7集.mp4", bytes: video)
                #expect(created.status == .created, "\(created.text)")

                let done = try await eventually { try await UploadSteps.rows(database).allSatisfy { $0.status == "done" } }
                let rows = try await UploadSteps.rows(database)
                #expect(done, "\(rows)")
                #expect(rows.allSatisfy { $0.method == (signed ? "signed" : "direct") })

                let second = try #require(try await UploadSteps.episode(database, drama: drama, number: 2))
                #expect(second.assetId != TaskSteps.assets[1])
                #expect(second.assetId == rows[0].assetId)
                let seventh = try #require(try await UploadSteps.episode(database, drama: drama, number: 7))
                #expect(seventh.assetId.hasPrefix("re_"))
                if UploadSteps.hasFFmpeg {
                    // Probed by ffprobe on our side, so the estimate is known before submitting.
                    #expect(abs((seventh.duration ?? 0) - 2) < 0.3)
                }
                let sent = await sim.simulator.requestCount(route: signed ? "POST /upload/signed-url" : "POST /upload")
                #expect(sent == 2)
                #expect(await sim.simulator.requestCount(route: signed ? "POST /upload" : "POST /upload/signed-url") == 0)
                #expect(await sim.simulator.requestCount(route: "GET /:asset_id/metadata") >= 2)

                // The kept copy plays; nothing is downloaded (that would be billed).
                let clip = try await browser.send(
                    "/o/\(org)/episodes/\(seventh.id)/video", method: .get, headers: [.range: "bytes=0-99"], body: nil)
                #expect(clip.status == .partialContent)
                #expect(Array(clip.body.readableBytesView) == Array(video[0..<100]))
                #expect(await sim.simulator.requestCount(route: "GET /:asset_id/download") == 0)
                #expect(UploadSteps.files(in: data.appendingPathComponent("uploads")).isEmpty)

                let page = try await browser.get("/o/\(org)/dramas/\(drama)/uploads")
                #expect(page.status == .ok)
                #expect(page.text.contains("第7集.mp4"))
                #expect(page.text.contains("Done"))
                #expect(page.text.contains("/static/js/episode-upload.js"))
                let status = try await browser.get("/o/\(org)/dramas/\(drama)/uploads.json?ids=\(rows[1].id)", accept: "application/json")
                let listed = try JSONSerialization.jsonObject(with: Data(status.body.readableBytesView)) as? [[String: Any]]
                #expect(listed?.count == 1)
                #expect(listed?.first?["status"] as? String == "done")
                let dramaPage = try await browser.get("/o/\(org)/dramas/\(drama)")
                #expect(dramaPage.text.contains("/o/\(org)/dramas/\(drama)/uploads"))
            }
        }
    }

    @Test func refusesWhatScreenplayExtractionWouldRefuse() async throws {
        let data = TestApp.temporaryDirectory()
        let database = try TestApp.database()
        try await TestApp.run(database: database, configure: {
            $0.dataDirectory = data
            $0.maxVideoBytes = 100_000
        }) { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let video = try UploadSteps.video(seconds: 1)
            func send(_ name: String, episode: String = "4", bytes: [UInt8]? = nil, csrf: Bool = true) async throws -> TestResponse {
                try await UploadSteps.upload(browser, org: org, drama: drama, episode: episode, name: name, bytes: bytes ?? video, csrf: csrf)
            }
            let song = try await send("theme.mp3")
            #expect(song.status == .unsupportedMediaType)
            #expect(UploadSteps.errorCode(song) == "not_video")
            #expect(song.text.contains("audio file"))
            let still = try await send("poster.png")
            #expect(still.status == .unsupportedMediaType)
            #expect(still.text.contains("image"))
            #expect(try await send("notes.txt").status == .unsupportedMediaType)
            let noNumber = try await send("ep.mp4", episode: "zero")
            #expect(noNumber.status == .unprocessableContent)
            #expect(UploadSteps.errorCode(noNumber) == "invalid_episode")
            #expect(try await send("ep.mp4", episode: "0").status == .unprocessableContent)
            #expect(try await send("", episode: "4").status == .unprocessableContent)
            #expect(try await send("ep.mp4", csrf: false).status == .forbidden)
            let huge = try await send("ep4.mp4", bytes: [UInt8](repeating: 7, count: 150_000))
            #expect(huge.status == .contentTooLarge)
            #expect(UploadSteps.errorCode(huge) == "too_large")
            #expect(huge.text.contains("100 KB"))
            if let audio = try UploadSteps.audio() {
                // Named like a video, but ffprobe finds no picture in it.
                let disguised = try await send("ep4.mp4", bytes: audio)
                #expect(disguised.status == .unsupportedMediaType)
                #expect(disguised.text.contains("no video track"))
                let garbage = try await send("ep4.mp4", bytes: [UInt8](repeating: 0x41, count: 5_000))
                #expect(garbage.status == .unsupportedMediaType)
                #expect(UploadSteps.errorCode(garbage) == "unreadable")
            }
            // Nothing was queued or left on disk, and the episodes are as they were.
            #expect(try await UploadSteps.rows(database).isEmpty)
            #expect(UploadSteps.files(in: data.appendingPathComponent("uploads")).isEmpty)
            #expect(try await UploadSteps.episode(database, drama: drama, number: 1)?.assetId == TaskSteps.assets[0])
        }
    }

    @Test func anInterruptedUploadLeavesNoPartialFile() async throws {
        let data = TestApp.temporaryDirectory()
        let database = try TestApp.database()
        try await TestApp.run(database: database, configure: { $0.dataDirectory = data }, mode: .live) { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let port = try #require(browser.client.port)
            let cookies = await browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let token = await browser.csrfToken ?? ""
            // Declares a megabyte, sends a tenth of it, and hangs up.
            let head = "POST /o/\(org)/dramas/\(drama)/uploads?episode=5&name=ep5.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Cookie: \(cookies)\r\nX-CSRF-Token: \(token)\r\nAccept: application/json\r\nContent-Type: video/mp4\r\n"
                + "Content-Length: 1000000\r\n\r\n"
            try RawConnection.send(port: port, Array(head.utf8) + [UInt8](repeating: 1, count: 100_000), thenWait: .milliseconds(300))
            let cleaned = await eventually(timeout: .seconds(10)) { UploadSteps.files(in: data.appendingPathComponent("uploads")).isEmpty }
            #expect(cleaned, "\(UploadSteps.files(in: data.appendingPathComponent("uploads")))")
            #expect(try await UploadSteps.rows(database).isEmpty)
            // The server carries on: a whole upload right after is queued.
            let whole = try await UploadSteps.upload(browser, org: org, drama: drama, episode: "5", name: "ep5.mp4", bytes: try UploadSteps.video(seconds: 1))
            #expect(whole.status == .created, "\(whole.text)")
            #expect(try await UploadSteps.rows(database).count == 1)
        }
    }

    @Test(arguments: [false, true])
    func aRestartMidForwardFinishesTheUpload(signed: Bool) async throws {
        let data = TestApp.temporaryDirectory()
        let path = TestApp.temporaryDatabasePath()
        try await SimulatedUpstream.run { sim in
            // Upstream processes an upload for 3 simulated seconds: a few milliseconds here.
            await sim.simulator.setSpeed(1_000)
            let configure: (inout AppConfiguration) -> Void = { UploadSteps.fastForwarder(&$0, data: data, signedFrom: signed ? 1 : 1 << 40) }
            let (org, drama) = try await {
                // The first process stops while the bytes are on their way.
                let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
                return try await TestApp.run(database: database, upstream: UploadScript(.hang).upstream(sim), configure: configure) { browser in
                    let (org, drama) = try await TaskSteps.drama(browser)
                    let response = try await UploadSteps.upload(
                        browser, org: org, drama: drama, episode: "2", name: "ep2.mp4", bytes: try UploadSteps.video(seconds: 1))
                    #expect(response.status == .created)
                    let sending = try await eventually {
                        try await UploadSteps.rows(database).first.map { $0.status == "sending" && (!signed || $0.assetId != nil) } ?? false
                    }
                    #expect(sending)
                    return (org, drama)
                }
            }()
            _ = org
            let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
            try await TestApp.run(database: database, upstream: sim.upstream, configure: configure) { _ in
                let done = try await eventually { try await UploadSteps.rows(database).first?.status == "done" }
                let row = try #require(try await UploadSteps.rows(database).first)
                #expect(done, "\(row)")
                #expect(try await UploadSteps.episode(database, drama: drama, number: 2)?.assetId == row.assetId)
                if signed {
                    // The first asset never got its bytes: deleted (it would cost storage), a new one made.
                    #expect(await sim.simulator.requestCount(route: "POST /upload/signed-url") == 2)
                    #expect(await sim.simulator.requestCount(route: "DELETE /:asset_id") == 1)
                } else {
                    #expect(await sim.simulator.requestCount(route: "POST /upload") == 1)
                }
            }
        }
    }

    @Test func aRefusedUploadSaysWhyKeepsTheEpisodeAndCanBeRetried() async throws {
        let data = TestApp.temporaryDirectory()
        try await SimulatedUpstream.run { sim in
            // Upstream processes an upload for 3 simulated seconds: a few milliseconds here.
            await sim.simulator.setSpeed(1_000)
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: UploadScript(.refuseOnce).upstream(sim), configure: {
                UploadSteps.fastForwarder(&$0, data: data)
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let response = try await UploadSteps.upload(
                    browser, org: org, drama: drama, episode: "1", name: "ep1.mp4", bytes: try UploadSteps.video(seconds: 1))
                #expect(response.status == .created)
                let failed = try await eventually { try await UploadSteps.rows(database).first?.status == "failed" }
                #expect(failed)
                let row = try #require(try await UploadSteps.rows(database).first)
                #expect(row.failure?.contains("unsupported codec in test file") == true)
                // Nothing stored is lost: the episode keeps its asset, the file stays for a retry.
                #expect(try await UploadSteps.episode(database, drama: drama, number: 1)?.assetId == TaskSteps.assets[0])
                #expect(row.fileName != nil)
                let page = try await browser.get("/o/\(org)/dramas/\(drama)/uploads")
                #expect(page.text.contains("unsupported codec in test file"))
                #expect(page.text.contains("/uploads/\(row.id)/retry"))

                let retry = try await browser.post("/o/\(org)/dramas/\(drama)/uploads/\(row.id)/retry")
                #expect(retry.status == .seeOther)
                let done = try await eventually { try await UploadSteps.rows(database).first?.status == "done" }
                #expect(done)
                let asset = try await UploadSteps.episode(database, drama: drama, number: 1)?.assetId
                #expect(asset != TaskSteps.assets[0])
                // A done upload cannot be retried; it can be removed from the list.
                #expect(try await browser.post("/o/\(org)/dramas/\(drama)/uploads/\(row.id)/retry").status == .seeOther)
                #expect(try await UploadSteps.episode(database, drama: drama, number: 1)?.assetId == asset)
                #expect(try await browser.post("/o/\(org)/dramas/\(drama)/uploads/\(row.id)/dismiss").status == .seeOther)
                #expect(try await UploadSteps.rows(database).isEmpty)
            }
        }
    }

    @Test func anotherOrganisationsDramaAndUploadsAreNotFound() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let video = try UploadSteps.video(seconds: 1)
            #expect(try await UploadSteps.upload(browser, org: org, drama: drama, episode: "4", name: "ep4.mp4", bytes: video).status == .created)
            let upload = try #require(try await UploadSteps.rows(database).first)

            // Someone else, in their own organisation, with the ids of the first.
            await browser.setCookie("showrunner_session", nil)
            let (other, _) = try await TaskSteps.drama(browser)
            let intruder = try await UploadSteps.upload(browser, org: other, drama: drama, episode: "4", name: "ep4.mp4", bytes: video)
            #expect(intruder.status == .notFound)
            #expect(UploadSteps.errorCode(intruder) == "not_found")
            #expect(try await browser.get("/o/\(other)/dramas/\(drama)/uploads").status == .notFound)
            #expect(try await browser.get("/o/\(other)/dramas/\(drama)/uploads.json", accept: "application/json").status == .notFound)
            #expect(try await browser.post("/o/\(other)/dramas/\(drama)/uploads/\(upload.id)/retry").status == .notFound)
            #expect(try await browser.post("/o/\(other)/dramas/\(drama)/uploads/\(upload.id)/dismiss").status == .notFound)
            // Their own drama does not reveal the first organisation's uploads either.
            let own = try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM drama")
            }
            let ownList = try await browser.get("/o/\(other)/dramas/\(own ?? 0)/uploads.json?ids=\(upload.id)", accept: "application/json")
            #expect(ownList.status == .ok)
            #expect(ownList.text == "[]")
            #expect(try await browser.get("/o/\(org)/dramas/\(drama)/uploads").status == .notFound)
            #expect(try await UploadSteps.rows(database).count == 1)
        }
    }
}

/// A client that sends raw bytes on a TCP connection and hangs up: an interrupted upload.
enum RawConnection {
    static func send(port: Int, _ bytes: [UInt8], thenWait: Duration) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw POSIXError(.EPIPE) }
            offset += written
        }
        Thread.sleep(forTimeInterval: Double(thenWait.components.attoseconds) / 1e18 + Double(thenWait.components.seconds))
    }
}
