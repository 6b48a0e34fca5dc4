import Foundation

/// Zip bytes written by hand, so tests can build archives no well-behaved tool would: paths
/// that escape, symbolic links, sizes that lie, overlapping or truncated data. (The test
/// target has no ZIPFoundation, and ZIPFoundation would not write most of these anyway.)
struct CraftedZip {
    struct Entry {
        var name: String
        /// The bytes as stored in the zip: plain for method 0, raw deflate for method 8.
        var payload: Data
        var method: UInt16 = 0
        /// What the directory claims; nil means the truth.
        var declaredUncompressedSize: UInt32?
        var declaredCompressedSize: UInt32?
        var declaredCRC: UInt32?
        /// Made on Unix, so the high half of the external attributes is a file mode.
        var versionMadeBy: UInt16 = 0x031E
        var externalAttributes: UInt32 = 0o100644 << 16
        /// Sizes as 0xFFFFFFFF with the real ones in a ZIP64 extra field (as some writers always do).
        var zip64Sizes = false

        static func stored(_ name: String, _ data: Data) -> Entry {
            Entry(name: name, payload: data)
        }

        static func stored(_ name: String, _ text: String) -> Entry {
            Entry(name: name, payload: Data(text.utf8))
        }

        static func symlink(_ name: String, target: String) -> Entry {
            Entry(name: name, payload: Data(target.utf8), externalAttributes: 0o120777 << 16)
        }

        /// A deflated entry whose true content is `content` (for the CRC and size).
        static func deflated(_ name: String, stream: Data, content: Data) -> Entry {
            Entry(
                name: name, payload: stream, method: 8, declaredUncompressedSize: UInt32(content.count),
                declaredCRC: CRC32.checksum(content)
            )
        }
    }

    var entries: [Entry]
    /// Counts and offsets in a ZIP64 end record, with 0xFFFF / 0xFFFFFFFF in the classic one.
    var zip64Directory = false

    init(_ entries: [Entry], zip64Directory: Bool = false) {
        self.entries = entries
        self.zip64Directory = zip64Directory
    }

    func bytes() -> Data {
        var body = Data()
        var directory = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let crc = entry.declaredCRC ?? CRC32.checksum(entry.payload)
            let compressed = entry.declaredCompressedSize ?? UInt32(entry.payload.count)
            let uncompressed = entry.declaredUncompressedSize ?? UInt32(entry.payload.count)
            let offset = UInt32(body.count)
            let extra = entry.zip64Sizes ? le16(1) + le16(16) + le64(UInt64(uncompressed)) + le64(UInt64(compressed)) : Data()
            let sizeFields = entry.zip64Sizes ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) : le32(compressed) + le32(uncompressed)

            body.append(le32(0x0403_4B50))
            body.append(le16(20))
            body.append(le16(0x0800))  // UTF-8 names
            body.append(le16(entry.method))
            body.append(le16(0))
            body.append(le16(0x21))
            body.append(le32(crc))
            body.append(sizeFields)
            body.append(le16(UInt16(name.count)))
            body.append(le16(UInt16(extra.count)))
            body.append(name)
            body.append(extra)
            body.append(entry.payload)

            directory.append(le32(0x0201_4B50))
            directory.append(le16(entry.versionMadeBy))
            directory.append(le16(20))
            directory.append(le16(0x0800))
            directory.append(le16(entry.method))
            directory.append(le16(0))
            directory.append(le16(0x21))
            directory.append(le32(crc))
            directory.append(sizeFields)
            directory.append(le16(UInt16(name.count)))
            directory.append(le16(UInt16(extra.count)))
            directory.append(le16(0))  // comment
            directory.append(le16(0))  // disk
            directory.append(le16(0))  // internal attributes
            directory.append(le32(entry.externalAttributes))
            directory.append(le32(offset))
            directory.append(name)
            directory.append(extra)
        }
        var zip = body
        zip.append(directory)
        if zip64Directory {
            let recordOffset = UInt64(zip.count)
            zip.append(le32(0x0606_4B50))
            zip.append(le64(44))
            zip.append(le16(45) + le16(45) + le32(0) + le32(0))
            zip.append(le64(UInt64(entries.count)) + le64(UInt64(entries.count)))
            zip.append(le64(UInt64(directory.count)) + le64(UInt64(body.count)))
            zip.append(le32(0x0706_4B50) + le32(0) + le64(recordOffset) + le32(1))
        }
        zip.append(le32(0x0605_4B50))
        zip.append(le16(0))
        zip.append(le16(0))
        zip.append(le16(zip64Directory ? 0xFFFF : UInt16(entries.count)))
        zip.append(le16(zip64Directory ? 0xFFFF : UInt16(entries.count)))
        zip.append(le32(zip64Directory ? 0xFFFF_FFFF : UInt32(directory.count)))
        zip.append(le32(zip64Directory ? 0xFFFF_FFFF : UInt32(body.count)))
        zip.append(le16(0))
        return zip
    }

    func write(to url: URL) throws {
        try bytes().write(to: url)
    }

    private func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private func le64(_ value: UInt64) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
}

/// The zip CRC-32 (IEEE, reflected), bit by bit: slow, but independent of the code under test.
enum CRC32 {
    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}
