import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
import Showrunner
import Testing

/// `showrunner gc` and hourly retention: orphans go, live work stays, the cap takes ingested
/// results oldest first and says so on the task.
@Suite struct RetentionTests {
    static func make(_ url: URL, bytes: Int = 1_000, age: TimeInterval = 0) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 9, count: bytes).write(to: url)
        if age > 0 { try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path) }
    }

    @Test func gcRemovesOrphansAndCapsResultsButNeverTouchesALiveTask() async throws {
        let data = TestApp.temporaryDirectory()
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: {
                TaskFlowTests.fast(&$0)
                $0.dataDirectory = data
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let finished = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: finished)?.result == "ingested" })
                // A second task still running upstream, with files as a download in progress leaves them.
                let live = try await TaskSteps.submittedTask(browser, org: org, drama: drama, form: TaskSteps.defaultForm)
                let organization = try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT organizationId FROM task WHERE id = ?", arguments: [live]) } ?? 0
                let folder = data.appendingPathComponent("artifacts/org-\(organization)")
                let finishedZip = folder.appendingPathComponent("task-\(finished).zip")
                #expect(FileManager.default.fileExists(atPath: finishedZip.path))
                let liveZip = folder.appendingPathComponent("task-\(live).zip")
                let livePartial = folder.appendingPathComponent(".task-\(live).zip.1234.part")
                try Self.make(liveZip, age: 7_200)
                try Self.make(livePartial)
                // Debris: a deleted task's result, a killed download, an upload and a video nothing refers to.
                let deletedZip = folder.appendingPathComponent("task-999999.zip")
                let oldPartial = folder.appendingPathComponent(".task-999998.zip.abcd.part")
                let strayUpload = data.appendingPathComponent("uploads/0d1b.mp4")
                let freshUpload = data.appendingPathComponent("uploads/.incoming-77.part")
                let strayVideo = data.appendingPathComponent("videos/5-abc.video")
                for file in [deletedZip, oldPartial, strayUpload, strayVideo] { try Self.make(file, age: 7_200) }
                try Self.make(freshUpload)

                let retention = Retention(database: database, dataDirectory: data, artifactsCap: 1)
                let preview = try await retention.run(dryRun: true)
                let previewed = Set(preview.items.map(\.path))
                #expect(previewed == Set([deletedZip, oldPartial, strayUpload, strayVideo, finishedZip].map(\.path)), "\(preview.items)")
                for file in [deletedZip, oldPartial, strayUpload, strayVideo, finishedZip] {
                    #expect(FileManager.default.fileExists(atPath: file.path), "a dry run removed \(file.lastPathComponent)")
                }

                let report = try await retention.run(dryRun: false)
                #expect(report.items.count == 5)
                for file in [deletedZip, oldPartial, strayUpload, strayVideo, finishedZip] {
                    #expect(!FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) was kept")
                }
                // The live task's files, and anything written in the last hour, are untouched.
                for file in [liveZip, livePartial, freshUpload] {
                    #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) was removed")
                }
                // The capped task no longer offers its zip, and its timeline says why.
                let (path, event) = try await database.writer.read { db in
                    (try String?.fetchOne(db, sql: "SELECT artifactPath FROM task WHERE id = ?", arguments: [finished]) ?? nil,
                     try String.fetchOne(db, sql: "SELECT message FROM taskEvent WHERE taskId = ? AND kind = 'retention'", arguments: [finished]))
                }
                #expect(path == nil)
                #expect(event?.contains("storyboards stay") == true)
                #expect(try await browser.get("/o/\(org)/tasks/\(finished)/artifacts/result.zip").status == .notFound)
                #expect(try await browser.get("/o/\(org)/episodes/1/storyboard").status == .ok)
                // Nothing left to do the second time.
                #expect(try await retention.run(dryRun: false).items.isEmpty)
            }
        }
    }
}
