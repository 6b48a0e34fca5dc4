import Foundation
import NIOCore

/// Just enough of `multipart/form-data` to read small text fields (the CSRF token) and file
/// parts of an upload form. Bodies are size-limited before they get here.
enum MultipartForm {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let body: Data
    }

    static func boundary(from contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parts(of body: ByteBuffer, contentType: String) -> [Part] {
        guard let boundary = boundary(from: contentType), !boundary.isEmpty else { return [] }
        let data = Data(body.readableBytesView)
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        var searchStart = data.startIndex
        while let start = data.range(of: delimiter, in: searchStart..<data.endIndex) {
            let afterDelimiter = start.upperBound
            guard let next = data.range(of: delimiter, in: afterDelimiter..<data.endIndex) else { break }
            let segment = data[afterDelimiter..<next.lowerBound]
            searchStart = next.lowerBound
            guard let headersRange = segment.range(of: headerEnd) else { continue }
            let headerText = String(decoding: segment[segment.startIndex..<headersRange.lowerBound], as: UTF8.self)
            var content = segment[headersRange.upperBound..<segment.endIndex]
            // Each part's body ends with the CRLF that precedes the next delimiter.
            if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
            guard let disposition = headerText.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                let name = parameter("name", in: String(disposition))
            else { continue }
            parts.append(Part(name: name, filename: parameter("filename", in: String(disposition)), body: Data(content)))
        }
        return parts
    }

    static func firstField(named name: String, in body: ByteBuffer, contentType: String) -> String? {
        parts(of: body, contentType: contentType).first { $0.name == name && $0.filename == nil }
            .map { String(decoding: $0.body, as: UTF8.self) }
    }

    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
