import Foundation

/// Reads a zip's central directory and local headers into checked `ArchiveEntry` values.
///
/// We parse the directory ourselves (ZIPFoundation only inflates) because we need each entry's
/// data offset to feed the inflater a bounded input: ZIPFoundation's own `extract` reads past
/// an entry's compressed size and spins forever on a deflate stream that never ends.
/// Everything an attacker controls is checked before it is used: counts and offsets against
/// the file, paths, entry types, declared sizes against `ArchiveLimits`, overlapping entries.
enum ZipDirectory {
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let centralEntrySignature: UInt32 = 0x0201_4B50
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let endRecordBytes = 22
    static let centralEntryBytes = 46
    static let localHeaderBytes = 30
    static let maxCommentBytes = 65_535
    /// Far above any real directory (10,000 entries with long names is ~1 MB), so a lying
    /// size cannot make us read the whole file into memory.
    static let maxDirectoryBytes: UInt64 = 64 << 20

    /// Where the central directory is and how many entries it claims.
    struct Location {
        var entryCount: UInt64
        var offset: UInt64
        var size: UInt64
        /// The first byte after the central directory's allowed area (the end records).
        var end: Int64
    }

    static func entries(in file: ReadOnlyFile, limits: ArchiveLimits) throws(ResultArchiveError) -> [ArchiveEntry] {
        let location = try locate(in: file)
        guard location.entryCount <= UInt64(limits.maxEntryCount) else {
            throw .limit("the zip has \(location.entryCount) entries; the limit is \(limits.maxEntryCount)")
        }
        guard location.offset <= UInt64(location.end), location.size <= UInt64(location.end) - location.offset else {
            throw .corrupt("the central directory lies outside the file (truncated?)")
        }
        guard location.size <= maxDirectoryBytes else {
            throw .limit("the central directory is \(location.size) bytes; the limit is \(maxDirectoryBytes)")
        }
        let (minimumSize, overflow) = location.entryCount.multipliedReportingOverflow(by: UInt64(centralEntryBytes))
        guard !overflow, minimumSize <= location.size else {
            throw .corrupt("the central directory is too small for \(location.entryCount) entries")
        }
        let directory = LittleEndianBytes(
            bytes: Array(try file.read(at: Int64(location.offset), count: Int(location.size))), label: "central directory"
        )
        let dataEnd = Int64(location.offset)
        var entries: [ArchiveEntry] = []
        var headerOffsets: [Int64] = []
        var names = Set<String>()
        var totalBytes: Int64 = 0
        var cursor = 0
        for _ in 0..<location.entryCount {
            let record = try CentralRecord(in: directory, at: cursor)
            cursor = record.next
            let entry = try checkedEntry(record, file: file, dataEnd: dataEnd, limits: limits)
            guard names.insert(entry.name).inserted else {
                throw .unsafe(entry.name, "the name appears twice (which copy counts would depend on the tool)")
            }
            totalBytes += entry.uncompressedSize
            guard totalBytes <= limits.maxTotalBytes else {
                throw .limit("the zip would inflate to more than \(limits.maxTotalBytes) bytes in total")
            }
            entries.append(entry)
            headerOffsets.append(record.localHeaderOffset)
        }
        try checkNoOverlap(entries, headerOffsets: headerOffsets)
        return entries
    }

    // MARK: - End records

    static func locate(in file: ReadOnlyFile) throws(ResultArchiveError) -> Location {
        guard file.size >= Int64(endRecordBytes) else {
            throw .corrupt("only \(file.size) bytes, too short to be a zip (truncated?)")
        }
        let tailLength = Int(min(file.size, Int64(endRecordBytes + maxCommentBytes)))
        let tailStart = file.size - Int64(tailLength)
        let tail = LittleEndianBytes(bytes: Array(try file.read(at: tailStart, count: tailLength)), label: "end record")
        guard let recordOffset = try lastEndRecord(in: tail) else {
            throw .corrupt("no end-of-central-directory record: not a zip, or truncated")
        }
        let disk = try tail.uint16(at: recordOffset + 4)
        let directoryDisk = try tail.uint16(at: recordOffset + 6)
        guard disk == 0, directoryDisk == 0 else {
            throw ResultArchiveError(.unsupported, "multi-part (spanned) zips are not supported")
        }
        var location = Location(
            entryCount: UInt64(try tail.uint16(at: recordOffset + 10)),
            offset: UInt64(try tail.uint32(at: recordOffset + 16)),
            size: UInt64(try tail.uint32(at: recordOffset + 12)),
            end: tailStart + Int64(recordOffset)
        )
        if location.entryCount == 0xFFFF || location.size == 0xFFFF_FFFF || location.offset == 0xFFFF_FFFF {
            location = try zip64Location(in: file, endRecordAt: tailStart + Int64(recordOffset))
        }
        return location
    }

    /// The offset of the last end record whose comment fits in the file.
    private static func lastEndRecord(in tail: LittleEndianBytes) throws(ResultArchiveError) -> Int? {
        var offset = tail.count - endRecordBytes
        while offset >= 0 {
            if try tail.uint32(at: offset) == endOfCentralDirectorySignature {
                let commentLength = Int(try tail.uint16(at: offset + 20))
                if offset + endRecordBytes + commentLength <= tail.count { return offset }
            }
            offset -= 1
        }
        return nil
    }

    private static func zip64Location(in file: ReadOnlyFile, endRecordAt endRecord: Int64) throws(ResultArchiveError) -> Location {
        guard endRecord >= 20 else { throw .corrupt("ZIP64 locator missing") }
        let locator = LittleEndianBytes(bytes: Array(try file.read(at: endRecord - 20, count: 20)), label: "ZIP64 locator")
        guard try locator.uint32(at: 0) == zip64LocatorSignature else { throw .corrupt("ZIP64 locator missing") }
        let recordOffset = try locator.uint64(at: 8)
        guard recordOffset <= UInt64(endRecord - 20), UInt64(endRecord - 20) - recordOffset >= 56 else {
            throw .corrupt("ZIP64 end record lies outside the file")
        }
        let record = LittleEndianBytes(bytes: Array(try file.read(at: Int64(recordOffset), count: 56)), label: "ZIP64 end record")
        guard try record.uint32(at: 0) == zip64EndSignature else { throw .corrupt("ZIP64 end record missing") }
        guard try record.uint32(at: 16) == 0, try record.uint32(at: 20) == 0 else {
            throw ResultArchiveError(.unsupported, "multi-part (spanned) zips are not supported")
        }
        return Location(
            entryCount: try record.uint64(at: 32), offset: try record.uint64(at: 48), size: try record.uint64(at: 40),
            end: Int64(recordOffset)
        )
    }

    // MARK: - Entries

    private static func checkedEntry(
        _ record: CentralRecord, file: ReadOnlyFile, dataEnd: Int64, limits: ArchiveLimits
    ) throws(ResultArchiveError) -> ArchiveEntry {
        let name = record.name
        if let problem = ArchiveEntryPath.problem(with: name) { throw .unsafe(name, problem) }
        switch record.fileType {
        case .symlink: throw .unsafe(name, "symbolic link")
        case .special: throw .unsafe(name, "device, pipe or socket entry")
        case .regular, .directory: break
        }
        guard record.flags & 0x1 == 0 else {
            throw ResultArchiveError(.unsupported, "zip entry \"\(name)\" is encrypted")
        }
        guard record.compressedSize >= 0, record.uncompressedSize >= 0 else {
            throw .corrupt("entry \"\(name)\" declares an impossible size")
        }
        guard record.uncompressedSize <= limits.maxEntryBytes else {
            throw .limit("zip entry \"\(name)\" would inflate to \(record.uncompressedSize) bytes; the limit is \(limits.maxEntryBytes)")
        }
        if limits.exceedsRatio(uncompressed: record.uncompressedSize, compressed: record.compressedSize) {
            throw .limit("zip entry \"\(name)\" declares a compression ratio above \(limits.maxCompressionRatio):1 (a zip bomb?)")
        }
        let compression: ArchiveEntry.Compression
        switch record.method {
        case 0:
            compression = .stored
            guard record.compressedSize == record.uncompressedSize else {
                throw .corrupt("stored entry \"\(name)\" has different compressed and uncompressed sizes")
            }
        case 8: compression = .deflated
        default: compression = .other(record.method)
        }
        let dataOffset = try localDataOffset(of: record, in: file, dataEnd: dataEnd)
        guard record.compressedSize <= dataEnd - dataOffset else {
            throw .corrupt("entry \"\(name)\" runs into the central directory (truncated?)")
        }
        return ArchiveEntry(
            name: name, isDirectory: record.fileType == .directory, compression: compression,
            compressedSize: record.compressedSize, uncompressedSize: record.uncompressedSize,
            crc32: record.crc32, dataOffset: dataOffset
        )
    }

    /// Checks the entry's local header (signature, same name) and returns where its data starts.
    private static func localDataOffset(
        of record: CentralRecord, in file: ReadOnlyFile, dataEnd: Int64
    ) throws(ResultArchiveError) -> Int64 {
        let headerOffset = record.localHeaderOffset
        let headerLength = localHeaderBytes + record.nameBytes.count
        guard headerOffset >= 0, headerOffset <= dataEnd - Int64(headerLength) else {
            throw .corrupt("entry \"\(record.name)\" has its header outside the file (truncated?)")
        }
        let header = LittleEndianBytes(bytes: Array(try file.read(at: headerOffset, count: headerLength)), label: "local header")
        guard try header.uint32(at: 0) == localHeaderSignature else {
            throw .corrupt("entry \"\(record.name)\" has no local header where the directory says")
        }
        let nameLength = Int(try header.uint16(at: 26))
        let extraLength = Int(try header.uint16(at: 28))
        guard nameLength == record.nameBytes.count, try header.slice(at: localHeaderBytes, count: nameLength).elementsEqual(record.nameBytes) else {
            throw .corrupt("entry \"\(record.name)\" has a different name in its local header")
        }
        return headerOffset + Int64(localHeaderBytes + nameLength + extraLength)
    }

    /// Rejects entries whose bytes overlap: the "better zip bomb" reuses one compressed block
    /// for many entries to multiply its output.
    private static func checkNoOverlap(_ entries: [ArchiveEntry], headerOffsets: [Int64]) throws(ResultArchiveError) {
        let ordered = zip(headerOffsets, entries).sorted { $0.0 < $1.0 }
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            let previousEnd = previous.1.dataOffset + previous.1.compressedSize
            if next.0 < previousEnd {
                throw .unsafe(next.1.name, "overlaps entry \"\(previous.1.name)\" (a zip-bomb trick)")
            }
        }
    }
}
