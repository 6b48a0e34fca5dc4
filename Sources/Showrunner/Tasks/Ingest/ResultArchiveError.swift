/// Why a result zip cannot be read. `description` is a sentence fit for the task's page.
public struct ResultArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file is missing or unreadable.
        case unreadable
        /// The bytes are not a well-formed zip (truncated, inconsistent offsets, bad CRC…).
        case corrupt
        /// An entry could escape the folder it would be extracted to, or is a link.
        case unsafeEntry
        /// The zip is larger than `ArchiveLimits` allow, or inflates like a zip bomb.
        case limitExceeded
        /// A requested entry is not in the zip.
        case missingEntry
        /// The entry uses something we do not read (encryption, another compression method).
        case unsupported
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func corrupt(_ message: String) -> Self { Self(.corrupt, "corrupt zip: \(message)") }
    static func unsafe(_ name: String, _ reason: String) -> Self { Self(.unsafeEntry, "unsafe zip entry \"\(name)\": \(reason)") }
    static func limit(_ message: String) -> Self { Self(.limitExceeded, message) }
}
