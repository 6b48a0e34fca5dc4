import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import NIOCore
import Showrunner
import Synchronization
import Testing

/// Steps for the upload tests: real video bytes (ffmpeg when installed), the upload request
/// as the page's script sends it, and the state of the `episodeUpload` rows.
enum UploadSteps {
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static var hasFFmpeg: Bool { SimulatedVideoTests.hasFFmpeg }

    /// A short MP4 test pattern; without ffmpeg (nothing probes then either) a stand-in.
    static func video(seconds: Int = 2, size: String = "160x120") throws -> [UInt8] {
        guard hasFFmpeg else { return (0..<40_000).map { UInt8($0 % 251) } }
        return try ffmpeg(["-f", "lavfi", "-i", "testsrc=size=\(size):rate=10", "-t", "\(seconds)", "-pix_fmt", "yuv420p"], ext: "mp4")
    }

    /// Two seconds of a tone as MP3, or nil without ffmpeg.
    static func audio() throws -> [UInt8]? {
        guard hasFFmpeg else { return nil }
        return try ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440", "-t", "2"], ext: "mp3")
    }

    private static func ffmpeg(_ arguments: [String], ext: String) throws -> [UInt8] {
        let output = TestApp.temporaryDirectory().appendingPathComponent("clip.\(ext)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-v", "error", "-y"] + arguments + [output.path]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: output))
    }

    /// `POST …/uploads?episode=N&name=…` with the file as the body, as episode-upload.js sends it.
    static func upload(
        _ browser: Browser, org: String, drama: Int64, episode: String, name: String, bytes: [UInt8], csrf: Bool = true
    ) async throws -> TestResponse {
        if await browser.csrfToken == nil { try await browser.get("/login") }
        var headers: HTTPFields = [.accept: "application/json", .contentType: "video/mp4", .contentLength: String(bytes.count)]
        if csrf { headers[csrfHeader] = await browser.csrfToken ?? "" }
        let query = "episode=\(episode)&name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        return try await browser.send("/o/\(org)/dramas/\(drama)/uploads?\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    struct Row: Sendable, Equatable {
        var id: Int64
        var status: String
        var method: String?
        var assetId: String?
        var failure: String?
        var episodeId: Int64?
        var fileName: String?
    }

    static func rows(_ database: AppDatabase) async throws -> [Row] {
        try await database.writer.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT id, status, method, assetId, failure, episodeId, fileName FROM episodeUpload ORDER BY id").map {
                Row(id: $0[0], status: $0[1], method: $0[2], assetId: $0[3], failure: $0[4], episodeId: $0[5], fileName: $0[6])
            }
        }
    }

    static func episode(_ database: AppDatabase, drama: Int64, number: Int) async throws -> (id: Int64, assetId: String, duration: Double?)? {
        try await database.writer.read { db in
            try GRDB.Row.fetchOne(
                db, sql: "SELECT id, assetId, durationSeconds FROM episode WHERE dramaId = ? AND number = ?", arguments: [drama, number]
            ).map { (id: $0[0], assetId: $0[1], duration: $0[2]) }
        }
    }

    /// Files left in a folder (partial uploads included), or none when it does not exist.
    static func files(in directory: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    }

    static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    static func errorCode(_ response: TestResponse) -> String? {
        (json(response)["error"] as? [String: Any])?["code"] as? String
    }

    /// A forwarder that runs every few milliseconds, polls metadata quickly and takes leases
    /// that run out in a second (so a "restarted" process picks work up at once).
    static func fastForwarder(_ configuration: inout AppConfiguration, data: URL, signedFrom: Int64 = 1 << 40) {
        configuration.dataDirectory = data
        configuration.runsUploadForwarder = true
        configuration.uploadForwarderTick = .milliseconds(20)
        configuration.uploadPollInterval = .milliseconds(20)
        configuration.uploadLeaseSeconds = 1
        configuration.signedUploadBytes = signedFrom
    }
}

/// What the byte-sending calls do, shared by every client an upstream makes: go ahead, hang
/// until cancelled (a process stopped mid-send), or be refused once.
final class UploadScript: Sendable {
    enum Behaviour: Sendable { case pass, hang, refuseOnce }
    private let behaviour: Mutex<Behaviour>

    init(_ behaviour: Behaviour) {
        self.behaviour = Mutex(behaviour)
    }

    func upstream(_ sim: SimulatedUpstream) -> Upstream {
        sim.upstream(wrapping: { [self] base in ScriptedUploads(base: base, script: self) })
    }

    /// Hangs or throws when scripted to; returns when the real call should go ahead.
    func next() async throws {
        let now = behaviour.withLock { current -> Behaviour in
            defer { if current == .refuseOnce { current = .pass } }
            return current
        }
        switch now {
        case .pass: return
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            throw CancellationError()
        case .refuseOnce:
            throw MemoriesError.invalidRequest(message: "unsupported codec in test file")
        }
    }
}

/// The simulator's client with the byte-sending calls going through an `UploadScript`.
final class ScriptedUploads: ScreenplayAPI, Sendable {
    let base: any ScreenplayAPI
    let script: UploadScript

    init(base: any ScreenplayAPI, script: UploadScript) {
        self.base = base
        self.script = script
    }

    func uploadAsset(file: URL, filename: String, contentType: String, progress: UploadProgress?) async throws -> String {
        try await script.next()
        return try await base.uploadAsset(file: file, filename: filename, contentType: contentType, progress: progress)
    }

    func upload(file: URL, filename: String, contentType: String, to signed: SignedUpload, progress: UploadProgress?) async throws {
        try await script.next()
        try await base.upload(file: file, filename: filename, contentType: contentType, to: signed, progress: progress)
    }

    func signedUpload(originalFilename: String) async throws -> SignedUpload { try await base.signedUpload(originalFilename: originalFilename) }
    func deleteAsset(assetID: String) async throws { try await base.deleteAsset(assetID: assetID) }
    func submit(_ request: SubmitTaskRequest, attemptRecorder: SubmitAttemptRecorder?) async throws -> SubmittedTask {
        try await base.submit(request, attemptRecorder: attemptRecorder)
    }
    func status(taskID: String) async throws -> TaskStatus { try await base.status(taskID: taskID) }
    func cancel(taskID: String) async throws -> TaskStatus { try await base.cancel(taskID: taskID) }
    func download(taskID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile {
        try await base.download(taskID: taskID, to: destination, maxBytes: maxBytes)
    }
    func assetMetadata(assetID: String) async throws -> AssetMetadata { try await base.assetMetadata(assetID: assetID) }
    func downloadAsset(assetID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile {
        try await base.downloadAsset(assetID: assetID, to: destination, maxBytes: maxBytes)
    }
}
