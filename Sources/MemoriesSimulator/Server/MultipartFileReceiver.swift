import Foundation
import Hummingbird
import NIOCore

/// Reads a `multipart/form-data` request whose first part is the file field, straight to a
/// file: the part's headers are parsed from the first bytes, then its content is written as it
/// arrives, holding back only enough bytes to recognise the closing boundary.
struct MultipartFileReceiver {
    struct Received: Sendable {
        let filename: String
        let contentType: String?
        let byteCount: Int64
    }

    enum Failure: Error, Equatable {
        case notMultipart
        case missingFileField
        case tooLarge(limit: Int64)
        case truncated
    }

    let fieldName: String
    let maxBytes: Int64

    /// The boundary of a `multipart/form-data; boundary=…` Content-Type.
    static func boundary(from contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix("boundary=") else { continue }
            let value = pair.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    func receive(_ body: RequestBody, contentType: String?, to destination: URL) async throws -> Received {
        guard let boundary = Self.boundary(from: contentType) else { throw Failure.notMultipart }
        let delimiter = Array("\r\n--\(boundary)".utf8)
        let opening = Array("--\(boundary)\r\n".utf8)
        FileManager.default.createFile(atPath: destination.path, contents: nil)
        let handle = try FileHandle(forWritingTo: destination)
        defer { try? handle.close() }

        var pending: [UInt8] = []
        var headers: (filename: String, contentType: String?)?
        var written: Int64 = 0
        var finished = false
        // Past the limit the rest of the body is still read, and dropped: answering 413 while the
        // client is sending would reset its connection, which some clients (FoundationNetworking
        // 6.3) do not survive.
        var overLimit = false
        for try await buffer in body {
            if finished || overLimit { continue }
            pending.append(contentsOf: buffer.readableBytesView)
            if headers == nil {
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: pending, from: 0) else {
                    if pending.count > 16 * 1024 { throw Failure.missingFileField }
                    continue
                }
                guard pending.starts(with: opening) else { throw Failure.notMultipart }
                let text = String(decoding: pending[opening.count..<end], as: UTF8.self)
                guard let parsed = Self.partHeaders(text), parsed.name == fieldName else { throw Failure.missingFileField }
                headers = (parsed.filename, parsed.contentType)
                pending.removeFirst(end + 4)
            }
            let found = Self.find(delimiter, in: pending, from: 0)
            // Everything but a possible start of the delimiter is file content.
            let content = found ?? max(0, pending.count - (delimiter.count - 1))
            written += Int64(content)
            if written > maxBytes {
                overLimit = true
                pending.removeAll()
                continue
            }
            if content > 0 { try handle.write(contentsOf: pending[0..<content]) }
            if found != nil {
                pending.removeAll()
                finished = true
            } else {
                pending.removeFirst(content)
            }
        }
        if overLimit { throw Failure.tooLarge(limit: maxBytes) }
        guard finished, let headers else { throw Failure.truncated }
        return Received(filename: headers.filename, contentType: headers.contentType, byteCount: written)
    }

    /// `Content-Disposition: form-data; name="file"; filename="x.mp4"` and `Content-Type`.
    static func partHeaders(_ text: String) -> (name: String, filename: String, contentType: String?)? {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                for parameter in line.split(separator: ";").dropFirst() {
                    let pair = parameter.trimmingCharacters(in: .whitespaces)
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let key = pair[..<equals].lowercased()
                    let value = pair[pair.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if key == "name" { name = value } else if key == "filename" { filename = value }
                }
            } else if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name, let filename else { return nil }
        return (name, filename, contentType)
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var index = start
            let last = bytes.count - needle.count
            while index <= last {
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let matches = needle.withUnsafeBufferPointer { pattern in
                    pattern.baseAddress.map { memcmp(base + position, $0, needle.count) == 0 } ?? false
                }
                if matches {
                    return position
                }
                index = position + 1
            }
            return nil
        }
    }
}
