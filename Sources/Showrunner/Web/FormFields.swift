import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body.
///
/// Parsed leniently (missing fields are simply absent) so that handlers can validate each
/// field and show the problem next to it, instead of failing the whole decode.
public struct FormFields: Sendable {
    private var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) {
        self.values = values
    }

    /// The body of `request` (at most `limit` bytes) as form fields. A body of another type gives no fields.
    static func parse(_ request: Request, limit: Int = 1 << 20) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""  // only the media type is compared
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else { return FormFields() }
        return FormFields(urlEncoded: String(buffer: buffer))
    }

    init(urlEncoded text: String) {
        var values: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let name = Self.decode(rawName)
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// The first value of `name`, trimmed of surrounding whitespace; nil when absent.
    public subscript(_ name: String) -> String? {
        values[name]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The first value exactly as sent (passwords keep their spaces).
    public func raw(_ name: String) -> String? {
        values[name]?.first
    }

    public func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    private static func decode(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
