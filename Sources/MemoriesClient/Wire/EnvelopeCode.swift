/// The `code` field of an upstream envelope.
///
/// The current v2 API sends an integer (`200`); legacy revisions and v1 send strings
/// (`"0000"`, `"0401"`). Both decode here so the client survives either form.
public struct EnvelopeCode: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The code exactly as sent, rendered as text (`"200"`, `"0000"`).
    public let rawValue: String

    public init(_ value: Int) {
        self.rawValue = String(value)
    }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The code as an HTTP-like status. Legacy four-digit codes map to their HTTP meaning
    /// (`"0000"` → 200, `"0401"` → 401, `"0001"`/`"0003"` → 400, `"9009"` → 403).
    public var httpEquivalent: Int? {
        switch rawValue {
        case "0000": return 200
        case "0001", "0003": return 400
        case "9009": return 403
        default: return Int(rawValue)
        }
    }

    /// `true` for 200, `"200"` and `"0000"`, the forms the official examples accept as success.
    public var isSuccess: Bool { httpEquivalent == 200 }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self.init(number)
        } else {
            self.init(rawValue: try container.decode(String.self))
        }
    }

    /// Encodes as an integer whenever possible: the current v2 form the simulator emits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let number = Int(rawValue), String(number) == rawValue {
            try container.encode(number)
        } else {
            try container.encode(rawValue)
        }
    }
}
