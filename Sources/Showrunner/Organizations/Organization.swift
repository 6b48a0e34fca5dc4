import Foundation
import GRDB

/// A tenant. Every tenant-owned row carries its `organizationId`.
public struct Organization: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var slug: String
    public var name: String
    public var createdAt: Date

    public static let databaseTableName = "organization"

    /// A URL-safe slug from a display name: lowercase ASCII letters, digits and dashes.
    /// Names without any ASCII letters (e.g. Chinese) fall back to "org".
    static func slugBase(from name: String) -> String {
        var slug = ""
        var lastWasDash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash, !slug.isEmpty {
                slug.append("-")
                lastWasDash = true
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "org" : slug
    }
}
