import Foundation
import MemoriesClient

/// A stand-in for an episode's footage: a small vertical video with the timecode burned in
/// and the current scene's number, shot and slug line, drawn by `ffmpeg` from the same
/// generated storyboard the simulator returns for the asset. Sync between a player and the
/// storyboard is then visible at a glance.
enum SlateVideo {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// `ffmpeg` on PATH, if any.
    static func ffmpeg() -> URL? { Executable.find("ffmpeg") }

    /// Writes the slate of `asset` to `destination` (an .mp4). Blocking: call off the event loops.
    static func render(_ asset: DemoAsset, to destination: URL, ffmpeg: URL) throws {
        let results = ScreenplayContentGenerator.generate(
            taskID: "slate", episodes: [("1", asset.assetID, asset.durationSeconds)],
            language: asset.languageHint, faceRecognition: false, useSubtitle: false)
        let scenes = results.storyboards.first?.scenes ?? []
        let work = destination.deletingLastPathComponent().appendingPathComponent(".slate-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let font = fontFile(chinese: asset.languageHint.hasPrefix("zh")).map { "fontfile=\(escape($0)):" } ?? ""
        var filters = [
            "drawtext=\(font)text='%{pts\\:hms}':x=(w-tw)/2:y=36:fontsize=26:fontcolor=white",
        ]
        // One drawtext per scene and per shot, each enabled over its time span; the text comes
        // from files so no storyboard text is ever parsed as filter syntax.
        for scene in scenes {
            let sceneFile = work.appendingPathComponent("scene-\(scene.number).txt")
            try slugLine(scene).write(to: sceneFile, atomically: true, encoding: .utf8)
            let span = "enable='between(t,\(scene.start),\(scene.end))'"
            filters.append("drawtext=\(font)textfile=\(escape(sceneFile.path)):\(span):x=(w-tw)/2:y=h/2:fontsize=17:fontcolor=0xffd166")
            let labelFile = work.appendingPathComponent("label-\(scene.number).txt")
            try "SCENE \(scene.number)".write(to: labelFile, atomically: true, encoding: .utf8)
            filters.append("drawtext=\(font)textfile=\(escape(labelFile.path)):\(span):x=(w-tw)/2:y=h/2-40:fontsize=22:fontcolor=white")
            for shot in scene.shots {
                let shotFile = work.appendingPathComponent("shot-\(shot.number).txt")
                try "shot \(shot.number) · \(shot.size.rawValue)".write(to: shotFile, atomically: true, encoding: .utf8)
                filters.append(
                    "drawtext=\(font)textfile=\(escape(shotFile.path)):enable='between(t,\(shot.start),\(shot.end))':x=(w-tw)/2:y=h/2+36:fontsize=15:fontcolor=0x9fb3c8")
            }
        }
        let script = work.appendingPathComponent("filters.txt")
        try filters.joined(separator: ",\n").write(to: script, atomically: true, encoding: .utf8)

        let partial = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial")
        let process = Process()
        process.executableURL = ffmpeg
        process.arguments = [
            "-y", "-loglevel", "error", "-nostdin",
            "-f", "lavfi", "-i", "color=c=0x1d2733:s=240x426:r=10:d=\(max(1, asset.durationSeconds))",
            "-filter_script:v", script.path,
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-crf", "30", "-g", "10",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", partial.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw Unavailable(description: "ffmpeg failed: \(String(decoding: message.prefix(500), as: UTF8.self))")
        }
        _ = try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: partial, to: destination)
    }

    static func slugLine(_ scene: StoryboardScene) -> String {
        scene.heading.text
    }

    /// A CJK font for Chinese slug lines (fontconfig's default may have no Han glyphs).
    static func fontFile(chinese: Bool) -> String? {
        let candidates = chinese
            ? ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]
            : ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Escapes a value inside a filter option (ffmpeg's filtergraph quoting).
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            if "\\':,;[]=".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
