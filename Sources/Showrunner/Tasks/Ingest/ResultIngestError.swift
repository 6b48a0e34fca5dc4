/// Why a result zip was not ingested. `description` names the file when there is one
/// (`3_storyboard.json: scene 2: start 14.2 is not before end 14.2`), fit for `task.resultError`.
public struct ResultIngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The zip itself was refused (unsafe, corrupt, over the limits).
        case archive(ResultArchiveError.Kind)
        /// A file is not valid JSON, not our schema, or has the wrong shape.
        case malformedFile
        /// A file breaks the timing or reference rules (`ResultInvariants` and ours).
        case invariantViolation
        /// A file is for an episode the task did not submit.
        case unknownEpisode
        /// Files that should go together do not (a storyboard without its transcript…).
        case inconsistentFiles
        /// None of the expected result files is in the zip.
        case noResultFiles
    }

    public let kind: Kind
    /// The zip entry at fault, if one is.
    public let file: String?
    public let message: String

    public init(_ kind: Kind, file: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.message = message
    }

    init(_ error: ResultArchiveError) {
        self.init(.archive(error.kind), error.message)
    }

    public var description: String {
        file.map { "\($0): \(message)" } ?? message
    }
}
