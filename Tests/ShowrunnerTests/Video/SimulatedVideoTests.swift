import Foundation
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import NIOCore
import Showrunner
import Testing

/// The offline demo: the simulator's asset download serves each demo video as a generated
/// slate (ffmpeg), the app fetches it through the real client, and the player plays it.
@Suite struct SimulatedVideoTests {
    static var hasFFmpeg: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/ffmpeg") }
    }

    @Test func aDemoEpisodePlaysTheSimulatorsSlate() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let drama = try await IngestedDrama.make(browser, database: database)
                let path = "/o/\(drama.org)/episodes/\(drama.firstEpisode)/video"
                let response = try await browser.send(path, method: .get, headers: [.range: "bytes=0-1023"], body: nil)
                if Self.hasFFmpeg {
                    #expect(response.status == .partialContent)
                    #expect(response.headers[.contentType] == "video/mp4")
                    let head = Array(response.body.readableBytesView)
                    #expect(head.count == 1024)
                    // An MP4 starts with its ftyp box.
                    #expect(head.count > 8 && String(decoding: head[4..<8], as: UTF8.self) == "ftyp")
                    let total = response.headers[.contentRange].flatMap { $0.split(separator: "/").last }.flatMap { Int($0) }
                    #expect((total ?? 0) > 10_000)
                } else {
                    // Without ffmpeg the demo degrades to "no video", with the reason.
                    #expect(response.status == .notFound)
                    #expect(response.text.contains("ffmpeg"))
                }
            }
        }
    }
}
