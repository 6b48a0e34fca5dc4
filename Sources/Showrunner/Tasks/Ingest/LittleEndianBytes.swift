/// Bounds-checked little-endian reads from a block of zip structure bytes; reading past the
/// end is a corrupt zip, never a crash.
struct LittleEndianBytes {
    let bytes: [UInt8]
    /// What the bytes are, for error messages ("central directory").
    let label: String

    var count: Int { bytes.count }

    func uint16(at offset: Int) throws(ResultArchiveError) -> UInt16 {
        UInt16(truncatingIfNeeded: try unsigned(at: offset, width: 2))
    }

    func uint32(at offset: Int) throws(ResultArchiveError) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(at: offset, width: 4))
    }

    func uint64(at offset: Int) throws(ResultArchiveError) -> UInt64 {
        try unsigned(at: offset, width: 8)
    }

    func slice(at offset: Int, count length: Int) throws(ResultArchiveError) -> ArraySlice<UInt8> {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw .corrupt("\(label) is cut short")
        }
        return bytes[offset..<(offset + length)]
    }

    private func unsigned(at offset: Int, width: Int) throws(ResultArchiveError) -> UInt64 {
        guard offset >= 0, offset <= bytes.count - width else {
            throw .corrupt("\(label) is cut short")
        }
        var value: UInt64 = 0
        for index in (0..<width).reversed() {
            value = value << 8 | UInt64(bytes[offset + index])
        }
        return value
    }
}
