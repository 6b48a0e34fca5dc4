import Foundation

/// What `ffprobe` says about a received file: its duration (for the cost estimate) and
/// whether it has a video track (screenplay extraction refuses audio and images).
enum VideoProbe {
    enum Outcome: Sendable, Equatable {
        case video(durationSeconds: Double?)
        /// A media file without a picture: audio, or a still image.
        case noVideoTrack
        /// ffprobe could not read it as media at all.
        case unreadable
        /// ffprobe is not installed: the file is taken on its name and type.
        case unavailable
    }

    private struct Report: Decodable {
        struct Stream: Decodable {
            let codecType: String?
            /// Still images arrive as one-frame "video" streams (mjpeg, png…).
            let disposition: [String: Int]?
            let codecName: String?
            enum CodingKeys: String, CodingKey {
                case codecType = "codec_type", disposition, codecName = "codec_name"
            }
        }
        struct Format: Decodable {
            let duration: String?
            let formatName: String?
            enum CodingKeys: String, CodingKey {
                case duration, formatName = "format_name"
            }
        }
        let streams: [Stream]?
        let format: Format?
    }

    static let imageCodecs: Set<String> = ["mjpeg", "png", "gif", "webp", "bmp", "tiff", "jpeg2000"]

    /// Probes `file`; runs ffprobe through `/usr/bin/env` so a missing binary is exit 127.
    static func probe(_ file: URL, timeout: Duration = .seconds(30)) async -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "ffprobe", "-v", "error", "-print_format", "json",
            "-show_entries", "format=duration,format_name:stream=codec_type,codec_name:stream_disposition=attached_pic",
            file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            // A damaged file must not hold the request forever.
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning { process.terminate() }
            }
        }
        guard let status else { return .unavailable }
        if status == 127 { return .unavailable }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard status == 0, let report = try? JSONDecoder().decode(Report.self, from: data) else { return .unreadable }
        return outcome(of: report)
    }

    private static func outcome(of report: Report) -> Outcome {
        let pictures = (report.streams ?? []).filter { stream in
            stream.codecType == "video" && stream.disposition?["attached_pic"] != 1
        }
        let formats = Set((report.format?.formatName ?? "").split(separator: ",").map(String.init))
        let isStill = formats.contains("image2") || formats.contains { $0.hasSuffix("_pipe") }
            || (!pictures.isEmpty && pictures.allSatisfy { imageCodecs.contains($0.codecName ?? "") } && report.format?.duration == nil)
        guard !pictures.isEmpty, !isStill else { return report.streams == nil ? .unreadable : .noVideoTrack }
        let duration = report.format?.duration.flatMap(Double.init).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        return .video(durationSeconds: duration)
    }
}
