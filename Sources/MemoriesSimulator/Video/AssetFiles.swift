import Foundation
import Logging

/// The bytes behind the simulator's assets, for `GET /{asset_id}/download`: demo video
/// assets get a generated slate (`SlateVideo`), made once on first download and kept in the
/// work directory. Without `ffmpeg` there is no file, and download says so.
actor AssetFiles {
    let directory: URL
    let logger: Logger
    private var rendering: [String: Task<URL, any Error>] = [:]

    init(workDirectory: URL, logger: Logger) {
        self.directory = workDirectory.appendingPathComponent("assets", isDirectory: true)
        self.logger = logger
    }

    enum Lookup {
        case file(URL, contentType: String, filename: String)
        case notFound
        case unavailable(String)
    }

    func file(for assetID: String) async -> Lookup {
        guard let asset = DemoAssets.asset(id: assetID) else { return .notFound }
        guard asset.kind == .video else { return .unavailable("The simulator keeps no file for \(asset.kind.rawValue) assets.") }
        let destination = directory.appendingPathComponent("\(assetID)-slate.mp4")
        let name = (asset.originalFilename as NSString).deletingPathExtension + ".mp4"
        if FileManager.default.fileExists(atPath: destination.path) {
            return .file(destination, contentType: "video/mp4", filename: name)
        }
        guard let ffmpeg = SlateVideo.ffmpeg() else {
            return .unavailable("The simulator has no video for this asset: ffmpeg is not installed.")
        }
        let task = rendering[assetID] ?? Task.detached(priority: .medium) { [directory] in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try SlateVideo.render(asset, to: destination, ffmpeg: ffmpeg)
            return destination
        }
        rendering[assetID] = task
        defer { rendering[assetID] = nil }
        do {
            let file = try await task.value
            logger.info("slate video ready", metadata: ["asset": "\(assetID)"])
            return .file(file, contentType: "video/mp4", filename: name)
        } catch {
            logger.warning("slate video failed", metadata: ["asset": "\(assetID)", "error": "\(error)"])
            return .unavailable("The simulator could not make a video for this asset.")
        }
    }
}
