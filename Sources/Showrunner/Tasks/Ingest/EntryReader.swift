import Foundation
import ZIPFoundation

/// Produces one entry's uncompressed bytes in chunks of at most `ArchiveLimits.chunkBytes`,
/// enforcing the limits on the bytes actually produced: never more than the entry declared
/// (so the limits checked at open time hold), never a bomb-like ratio, and at the end the
/// exact declared size and CRC-32.
struct EntryReader {
    let file: ReadOnlyFile
    let limits: ArchiveLimits

    /// Hands each non-empty chunk to `consume`. Errors thrown by `consume` come back unchanged;
    /// every other failure is a `ResultArchiveError`.
    func read(_ entry: ArchiveEntry, limit: Int64, consume: (Data) throws -> Void) throws {
        guard !entry.isDirectory else { return }
        guard entry.uncompressedSize <= limit else {
            throw ResultArchiveError.limit("zip entry \"\(entry.name)\" is \(entry.uncompressedSize) bytes; the limit for it is \(limit)")
        }
        var produced: Int64 = 0
        var checksum: CRC32 = 0
        var consumerError: (any Error)?
        let counted: (Data) throws -> Void = { chunk in
            guard !chunk.isEmpty else { return }
            produced += Int64(chunk.count)
            guard produced <= entry.uncompressedSize else {
                throw ResultArchiveError.limit(
                    "zip entry \"\(entry.name)\" inflates past the \(entry.uncompressedSize) bytes it declares (a zip bomb?)"
                )
            }
            if limits.exceedsRatio(uncompressed: produced, compressed: entry.compressedSize) {
                throw ResultArchiveError.limit(
                    "zip entry \"\(entry.name)\" inflates more than \(limits.maxCompressionRatio):1 (a zip bomb?)"
                )
            }
            checksum = chunk.crc32(checksum: checksum)
            do {
                try consume(chunk)
            } catch {
                consumerError = error
                throw error
            }
        }
        do {
            switch entry.compression {
            case .stored: try readStored(entry, into: counted)
            case .deflated: try inflate(entry, into: counted)
            case .other(let method):
                throw ResultArchiveError(.unsupported, "zip entry \"\(entry.name)\" uses compression method \(method), which we do not read")
            }
        } catch {
            if let consumerError { throw consumerError }
            if let error = error as? ResultArchiveError { throw error }
            throw ResultArchiveError.corrupt("the deflate data of \"\(entry.name)\" is damaged")
        }
        guard produced == entry.uncompressedSize else {
            throw ResultArchiveError.corrupt("\"\(entry.name)\" holds \(produced) bytes, but the directory says \(entry.uncompressedSize)")
        }
        guard checksum == entry.crc32 else {
            throw ResultArchiveError.corrupt("\"\(entry.name)\" fails its CRC-32 check")
        }
    }

    private func readStored(_ entry: ArchiveEntry, into consume: (Data) throws -> Void) throws {
        var position: Int64 = 0
        while position < entry.compressedSize {
            let count = Int(min(Int64(ArchiveLimits.chunkBytes), entry.compressedSize - position))
            try consume(try file.read(at: entry.dataOffset + position, count: count))
            position += Int64(count)
        }
    }

    /// Feeds ZIPFoundation's inflater exactly the entry's compressed bytes and no more: asked
    /// for input after them, we throw (ZIPFoundation's own reader would loop forever).
    private func inflate(_ entry: ArchiveEntry, into consume: (Data) throws -> Void) throws {
        var position: Int64 = 0
        let file = self.file
        _ = try Data.decompress(
            size: entry.compressedSize, bufferSize: ArchiveLimits.chunkBytes, skipCRC32: true,
            provider: { _, requested in
                let remaining = entry.compressedSize - position
                guard remaining > 0 else {
                    throw ResultArchiveError.corrupt("the deflate data of \"\(entry.name)\" ends early (truncated?)")
                }
                let count = Int(min(Int64(requested), remaining))
                var chunk = try file.read(at: entry.dataOffset + position, count: count)
                position += Int64(count)
                // On Linux ZIPFoundation tells zlib every chunk is `requested` bytes long, so pad the
                // last one: zlib must never read past the buffer. The zeros are never output as data
                // of a valid entry (its stream ends first); for a broken one they fail the size or CRC check.
                if chunk.count < requested { chunk.append(Data(count: requested - chunk.count)) }
                return chunk
            },
            consumer: consume
        )
    }
}
