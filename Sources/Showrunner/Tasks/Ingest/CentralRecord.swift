/// One central-directory record, decoded but not yet trusted (`ZipDirectory` checks it).
struct CentralRecord {
    enum FileType: Equatable {
        case regular, directory, symlink
        /// Devices, pipes, sockets: nothing a result zip should hold.
        case special
    }

    let flags: UInt16
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int64
    let uncompressedSize: Int64
    let localHeaderOffset: Int64
    let nameBytes: [UInt8]
    let name: String
    let fileType: FileType
    /// Offset of the record that follows this one.
    let next: Int

    init(in directory: LittleEndianBytes, at offset: Int) throws(ResultArchiveError) {
        guard try directory.uint32(at: offset) == ZipDirectory.centralEntrySignature else {
            throw .corrupt("central directory record \(offset) has a bad signature")
        }
        let versionMadeBy = try directory.uint16(at: offset + 4)
        flags = try directory.uint16(at: offset + 8)
        method = try directory.uint16(at: offset + 10)
        crc32 = try directory.uint32(at: offset + 16)
        let compressed32 = try directory.uint32(at: offset + 20)
        let uncompressed32 = try directory.uint32(at: offset + 24)
        let nameLength = Int(try directory.uint16(at: offset + 28))
        let extraLength = Int(try directory.uint16(at: offset + 30))
        let commentLength = Int(try directory.uint16(at: offset + 32))
        let externalAttributes = try directory.uint32(at: offset + 38)
        let offset32 = try directory.uint32(at: offset + 42)
        let nameStart = offset + ZipDirectory.centralEntryBytes
        nameBytes = Array(try directory.slice(at: nameStart, count: nameLength))
        let extra = LittleEndianBytes(
            bytes: Array(try directory.slice(at: nameStart + nameLength, count: extraLength)), label: "extra field"
        )
        next = nameStart + nameLength + extraLength + commentLength
        // Bit 11 promises UTF-8; older tools write CP437, whose ASCII half is all our checks need.
        name = String(validating: nameBytes, as: UTF8.self) ?? String(decoding: nameBytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)

        var sizes = (uncompressed: UInt64(uncompressed32), compressed: UInt64(compressed32), offset: UInt64(offset32))
        if uncompressed32 == 0xFFFF_FFFF || compressed32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            sizes = try Self.zip64Values(in: extra, replacing: sizes)
        }
        guard sizes.uncompressed <= UInt64(Int64.max), sizes.compressed <= UInt64(Int64.max), sizes.offset <= UInt64(Int64.max) else {
            throw .corrupt("entry \"\(name)\" declares an impossible size")
        }
        uncompressedSize = Int64(sizes.uncompressed)
        compressedSize = Int64(sizes.compressed)
        localHeaderOffset = Int64(sizes.offset)
        fileType = Self.fileType(versionMadeBy: versionMadeBy, externalAttributes: externalAttributes, name: name)
    }

    /// The ZIP64 extra field (id 1) holds 8-byte values for exactly the fields set to 0xFFFFFFFF, in order.
    private static func zip64Values(
        in extra: LittleEndianBytes, replacing values: (uncompressed: UInt64, compressed: UInt64, offset: UInt64)
    ) throws(ResultArchiveError) -> (uncompressed: UInt64, compressed: UInt64, offset: UInt64) {
        var cursor = 0
        while cursor + 4 <= extra.count {
            let id = try extra.uint16(at: cursor)
            let length = Int(try extra.uint16(at: cursor + 2))
            if id == 0x0001 {
                let field = LittleEndianBytes(bytes: Array(try extra.slice(at: cursor + 4, count: length)), label: "ZIP64 extra field")
                var result = values
                var position = 0
                if values.uncompressed == 0xFFFF_FFFF { result.uncompressed = try field.uint64(at: position); position += 8 }
                if values.compressed == 0xFFFF_FFFF { result.compressed = try field.uint64(at: position); position += 8 }
                if values.offset == 0xFFFF_FFFF { result.offset = try field.uint64(at: position) }
                return result
            }
            cursor += 4 + length
        }
        throw .corrupt("entry needs a ZIP64 extra field but has none")
    }

    /// Unix-made zips keep the file mode in the high half of the external attributes.
    private static func fileType(versionMadeBy: UInt16, externalAttributes: UInt32, name: String) -> FileType {
        let madeOnUnix = [3, 19].contains(versionMadeBy >> 8)  // 3 Unix, 19 macOS
        if madeOnUnix {
            switch (externalAttributes >> 16) & 0o170000 {
            case 0o120000: return .symlink
            case 0o040000: return .directory
            case 0o100000: return .regular
            case 0: break  // no mode recorded: judge by the name
            default: return .special
            }
        } else if externalAttributes & 0x10 != 0 {
            return .directory  // MS-DOS directory attribute
        }
        return name.hasSuffix("/") ? .directory : .regular
    }
}
