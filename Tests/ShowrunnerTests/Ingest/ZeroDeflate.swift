import Foundation

/// A raw deflate stream of `count` zero bytes, hand-encoded with the fixed Huffman code:
/// one literal 0, then back-references of length 258 at distance 1 (13 bits each), so it
/// inflates about 159:1 — the shape of a zip bomb, built without zlib.
enum ZeroDeflate {
    static func stream(zeroBytes count: Int) -> Data {
        precondition(count > 0)
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.writeCode(0x30, length: 8)  // literal 0
        var remaining = count - 1
        while remaining >= 258 {
            bits.writeCode(0xC5, length: 8)  // length code 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
            remaining -= 258
        }
        for _ in 0..<remaining {
            bits.writeCode(0x30, length: 8)
        }
        bits.writeCode(0, length: 7)  // end of block (256)
        return bits.finished
    }

    /// Deflate packs header fields LSB first and Huffman codes MSB first.
    private struct BitWriter {
        var data = Data()
        private var current: UInt8 = 0
        private var used = 0

        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { append(bit: (value >> index) & 1) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for index in (0..<length).reversed() { append(bit: (code >> index) & 1) }
        }

        private mutating func append(bit: UInt32) {
            current |= UInt8(bit) << used
            used += 1
            if used == 8 {
                data.append(current)
                current = 0
                used = 0
            }
        }

        var finished: Data {
            mutating get {
                if used > 0 {
                    data.append(current)
                    current = 0
                    used = 0
                }
                return data
            }
        }
    }
}
