import Foundation

/// The duration of a media file, from `ffprobe` when it is installed.
enum MediaProbe {
    static func duration(of file: URL) -> Double? {
        guard let ffprobe = Executable.find("ffprobe") else { return nil }
        let process = Process()
        process.executableURL = ffprobe
        process.arguments = ["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let value = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              value.isFinite, value > 0
        else { return nil }
        return value
    }
}
