import Foundation

/// A cheap structural check of a zip on disk without unpacking it: it must start with a
/// local file header and end with an end-of-central-directory record. A truncated
/// transfer or a body that is not a zip fails here instead of deep inside ingest.
public enum ZipIntegrity {
    static let localHeaderSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let endOfCentralDirectorySignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// The EOCD record is 22 bytes plus a comment of up to 65,535 bytes.
    static let maxTailBytes = 22 + 65_535

    public static func check(_ url: URL) throws(MemoriesError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw .malformedResponse(reason: "zip file unreadable")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        guard Array(head) == localHeaderSignature else {
            throw .malformedResponse(reason: "not a zip (bad leading signature)")
        }
        guard let size = try? handle.seekToEnd() else {
            throw .malformedResponse(reason: "zip file unreadable")
        }
        let tailLength = min(UInt64(maxTailBytes), size)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
            let tail = try? handle.readToEnd()
        else {
            throw .malformedResponse(reason: "zip file unreadable")
        }
        let bytes = Array(tail)
        guard bytes.count >= 22 else {
            throw .malformedResponse(reason: "zip is truncated (no end of central directory)")
        }
        var index = bytes.count - 22
        while index >= 0 {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                return
            }
            index -= 1
        }
        throw .malformedResponse(reason: "zip is truncated (no end of central directory)")
    }
}
