import Foundation
import Logging
import Synchronization

/// The server's log lines on standard error: `text` (like swift-log's stream handler) or
/// `json` (one object per line, for log shippers). Metadata under a secret-sounding key
/// (password, token, key, cookie, authorization, secret) is masked whatever the caller passed,
/// as a second line of defence behind never logging secrets in the first place.
public struct ShowrunnerLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let format: Format
    let write: @Sendable (String) -> Void

    public init(label: String, format: Format, write: @escaping @Sendable (String) -> Void = ShowrunnerLogHandler.standardError) {
        self.label = label
        self.format = format
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let flat = all.mapValues { Self.masked($0) }.reduce(into: [String: String]()) { result, entry in
            result[entry.key] = Self.isSecret(entry.key) ? "[redacted]" : entry.value
        }
        let time = Self.timestamp()
        switch format {
        case .text:
            let fields = flat.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            write("\(time) \(event.level) \(label):\(fields.isEmpty ? "" : " " + fields) [\(event.source)] \(event.message)\n")
        case .json:
            var object: [String: Any] = ["time": time, "level": event.level.rawValue, "logger": label, "message": "\(event.message)", "source": event.source]
            if !flat.isEmpty { object["metadata"] = flat }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                write(String(decoding: data, as: UTF8.self) + "\n")
            }
        }
    }

    static let secretWords = ["password", "passphrase", "token", "secret", "cookie", "authorization", "apikey", "api_key", "api-key"]

    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return secretWords.contains { lower.contains($0) }
    }

    static func masked(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): "[" + items.map(masked).joined(separator: ", ") + "]"
        case .dictionary(let entries):
            "[" + entries.sorted { $0.key < $1.key }.map { "\($0.key): \(isSecret($0.key) ? "[redacted]" : masked($0.value))" }.joined(separator: ", ") + "]"
        }
    }

    static func timestamp() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }

    /// Unbuffered, one write per line, so lines from several threads never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }
}
