import Foundation

/// `taskCharacter.aliasesJSON`: a JSON array of strings written by ingest.
enum CharacterAliases {
    /// Malformed or non-string content reads as no aliases rather than failing the page.
    static func decode(_ json: String) -> [String] {
        guard json != "[]", let data = json.data(using: .utf8),
              let values = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return values
    }
}
