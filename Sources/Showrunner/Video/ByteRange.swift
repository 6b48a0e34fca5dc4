import Foundation

/// One `Range: bytes=…` request against a file of `size` bytes (RFC 9110 §14).
enum ByteRange: Equatable {
    /// No usable Range header (absent, another unit, several ranges, bad syntax): send it all.
    case whole
    case part(ClosedRange<Int64>)
    /// A syntactically valid range that starts past the end: 416.
    case unsatisfiable

    init(header: String?, size: Int64) {
        guard let header, header.hasPrefix("bytes=") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        // Several ranges would need multipart/byteranges; a whole answer is allowed instead.
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        func number(_ text: String) -> Int64? {
            guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int64(text)
        }
        if first.isEmpty {
            // bytes=-N: the last N bytes.
            guard let suffix = number(last) else { self = .whole; return }
            guard suffix > 0, size > 0 else { self = .unsatisfiable; return }
            self = .part(max(0, size - suffix)...(size - 1))
            return
        }
        guard let start = number(first) else { self = .whole; return }
        var end = size - 1
        if !last.isEmpty {
            guard let value = number(last) else { self = .whole; return }
            guard value >= start else { self = .whole; return }
            end = min(value, size - 1)
        }
        guard start < size else { self = .unsatisfiable; return }
        self = .part(start...end)
    }
}
