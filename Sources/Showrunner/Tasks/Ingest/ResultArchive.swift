import Foundation

/// A task's kept result zip, opened read-only and checked before anything is read from it.
///
/// Opening rejects, with a `ResultArchiveError`: bytes that are not a well-formed zip
/// (truncated, offsets outside the file, overlapping entries); any entry with an absolute
/// path, a `..` component, a backslash, or that is a symbolic link or special file; and a zip
/// whose declared sizes break `ArchiveLimits`. Reading an entry enforces the same limits on
/// the bytes actually inflated, then the declared size and CRC-32. Nothing is extracted to disk.
///
/// The class is immutable and reads with `pread`, so one instance may serve several readers.
public final class ResultArchive: Sendable {
    public let url: URL
    public let limits: ArchiveLimits
    /// Every entry, in central-directory order.
    public let entries: [ArchiveEntry]
    private let entriesByName: [String: ArchiveEntry]
    private let file: ReadOnlyFile

    public init(contentsOf url: URL, limits: ArchiveLimits = .default) throws(ResultArchiveError) {
        let file = try ReadOnlyFile(url: url)
        let entries = try ZipDirectory.entries(in: file, limits: limits)
        self.url = url
        self.limits = limits
        self.file = file
        self.entries = entries
        self.entriesByName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func entry(named name: String) -> ArchiveEntry? {
        entriesByName[name]
    }

    /// The workbooks at the zip root: per-episode ones by episode number, then the others
    /// (`merged.xlsx`) by name.
    public var workbooks: [ArchiveEntry] {
        entries.filter(\.isWorkbook).sorted { left, right in
            let leftNumber = Int(left.name.dropLast(".xlsx".count))
            let rightNumber = Int(right.name.dropLast(".xlsx".count))
            switch (leftNumber, rightNumber) {
            case let (left?, right?): return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.name < right.name
            }
        }
    }

    /// The whole entry in memory, for JSON: at most `limits.maxJSONEntryBytes`.
    public func contents(of entry: ArchiveEntry) throws(ResultArchiveError) -> Data {
        var data = Data()
        data.reserveCapacity(Int(min(entry.uncompressedSize, limits.maxJSONEntryBytes)))
        do {
            try EntryReader(file: file, limits: limits).read(entry, limit: limits.maxJSONEntryBytes) { data.append($0) }
        } catch let error as ResultArchiveError {
            throw error
        } catch {
            throw ResultArchiveError.corrupt("\"\(entry.name)\" could not be read")
        }
        return data
    }

    /// Calls `body` with the entry's bytes in chunks of at most `ArchiveLimits.chunkBytes`,
    /// on the calling thread (blocking file reads). Errors from `body` come back unchanged.
    public func readChunks(of entry: ArchiveEntry, _ body: (Data) throws -> Void) throws {
        try EntryReader(file: file, limits: limits).read(entry, limit: limits.maxEntryBytes, consume: body)
    }

    /// The named entry as an async sequence of chunks (see `ArchiveEntryStream`), for a
    /// download route. Throws `.missingEntry` when the zip has no such file.
    public func chunks(ofEntryNamed name: String) throws(ResultArchiveError) -> ArchiveEntryStream {
        guard let entry = entry(named: name), !entry.isDirectory else {
            throw ResultArchiveError(.missingEntry, "the result zip has no \(name)")
        }
        return ArchiveEntryStream(archive: self, entry: entry)
    }
}
