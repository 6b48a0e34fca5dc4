/// Decides whether an entry's path is safe: nothing that could land outside the folder it
/// would be extracted to, whatever tool a user later unpacks the kept zip with.
enum ArchiveEntryPath {
    /// The reason `name` is unsafe, or nil when it is fine.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "empty path" }
        if name.utf8.contains(0) { return "path contains a NUL byte" }
        if name.hasPrefix("/") { return "absolute path" }
        // Windows tools treat "\" as a separator, so "..\..\x" is a traversal there.
        if name.contains("\\") { return "path contains a backslash" }
        if isDriveLetterPath(name) { return "absolute (drive-letter) path" }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "path contains a \"..\" component"
        }
        return nil
    }

    private static func isDriveLetterPath(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars.prefix(2))
        return scalars.count == 2 && scalars[1] == ":" && scalars[0].isASCII && scalars[0].properties.isAlphabetic
    }
}
