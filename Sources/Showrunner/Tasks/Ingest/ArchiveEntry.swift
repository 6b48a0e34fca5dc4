/// One file in a result zip, as its central directory describes it (already checked for
/// safety and against the limits when the archive was opened).
public struct ArchiveEntry: Sendable, Equatable {
    public enum Compression: Sendable, Equatable {
        case stored
        case deflated
        /// A method we do not read; reading the entry fails.
        case other(UInt16)
    }

    /// The path inside the zip (`3_storyboard.json`).
    public let name: String
    public let isDirectory: Bool
    public let compression: Compression
    public let compressedSize: Int64
    public let uncompressedSize: Int64
    let crc32: UInt32
    /// Where the entry's (compressed) bytes start in the file.
    let dataOffset: Int64

    /// A workbook at the zip root (`3.xlsx`, `merged.xlsx`).
    public var isWorkbook: Bool {
        !isDirectory && !name.contains("/") && name.lowercased().hasSuffix(".xlsx")
    }
}
