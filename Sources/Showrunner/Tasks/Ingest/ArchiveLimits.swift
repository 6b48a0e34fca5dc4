/// Bounds on what a result zip may make us read. Every limit is checked against the sizes the
/// zip declares when it is opened *and* against the bytes actually inflated, so a header that
/// lies about its sizes gains nothing.
public struct ArchiveLimits: Sendable, Equatable {
    /// Entries in the central directory (a 100-episode task with every output has ~400).
    public var maxEntryCount: Int
    /// Uncompressed bytes of any one entry (workbooks are streamed, never held in memory).
    public var maxEntryBytes: Int64
    /// Uncompressed bytes of a JSON entry, which is read into memory to decode it
    /// (a 5-minute episode's storyboard is ~150 KB).
    public var maxJSONEntryBytes: Int64
    /// Uncompressed bytes of all entries together.
    public var maxTotalBytes: Int64
    /// Uncompressed ÷ compressed size above which an entry counts as a zip bomb. Our JSON
    /// deflates about 10:1 and workbooks hardly at all; bombs reach 1000:1.
    public var maxCompressionRatio: Int64
    /// Entries smaller than this are exempt from the ratio check: a few KB of whitespace
    /// legitimately compresses far better than 100:1, and cannot hurt.
    public var compressionRatioFloorBytes: Int64

    public init(
        maxEntryCount: Int = 10_000,
        maxEntryBytes: Int64 = 512 << 20,
        maxJSONEntryBytes: Int64 = 64 << 20,
        maxTotalBytes: Int64 = 2 << 30,
        maxCompressionRatio: Int64 = 100,
        compressionRatioFloorBytes: Int64 = 1 << 20
    ) {
        self.maxEntryCount = maxEntryCount
        self.maxEntryBytes = maxEntryBytes
        self.maxJSONEntryBytes = maxJSONEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioFloorBytes = compressionRatioFloorBytes
    }

    public static let `default` = ArchiveLimits()

    /// Streaming and inflating work in chunks of this size (also the largest chunk handed out).
    public static let chunkBytes = 64 * 1024

    /// Whether `uncompressed` bytes from `compressed` bytes is a suspicious ratio.
    func exceedsRatio(uncompressed: Int64, compressed: Int64) -> Bool {
        guard uncompressed >= compressionRatioFloorBytes else { return false }
        // Multiplying instead of dividing keeps a zero compressed size from trapping.
        let (allowed, overflow) = max(compressed, 0).multipliedReportingOverflow(by: maxCompressionRatio)
        return !overflow && uncompressed > allowed
    }
}
