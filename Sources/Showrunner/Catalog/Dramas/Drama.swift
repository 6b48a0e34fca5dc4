import Foundation
import GRDB

/// One series: a title in a language, made of numbered episodes.
public struct Drama: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var organizationId: Int64
    public var projectId: Int64
    public var title: String
    public var language: String
    public var notes: String
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public static let databaseTableName = "drama"

    /// Languages offered in forms; the upstream documents `zh-CN` and `en` (others are passed through).
    static let languages: [(code: String, label: String)] = [
        ("zh-CN", "Chinese (Mandarin, zh-CN)"),
        ("en", "English (en)"),
        ("ja", "Japanese (ja)"),
        ("ko", "Korean (ko)"),
        ("es", "Spanish (es)"),
        ("pt", "Portuguese (pt)"),
        ("id", "Indonesian (id)"),
        ("th", "Thai (th)"),
    ]
}

extension Drama {
    /// The table's columns in their order, which `init(row:)` reads by position (queries select
    /// `*` or `d.*`); a test holds this to the table.
    static let columns = ["id", "organizationId", "projectId", "title", "language", "notes", "archivedAt", "createdAt", "updatedAt"]

    /// By hand and by position, as `Episode` (every drama and storyboard page reads one).
    public init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        organizationId = try row.decode(atIndex: 1)
        projectId = try row.decode(atIndex: 2)
        title = try row.decode(atIndex: 3)
        language = try row.decode(atIndex: 4)
        notes = try row.decode(atIndex: 5)
        archivedAt = try row.storedDateIfPresent(atIndex: 6)
        createdAt = try row.storedDate(atIndex: 7)
        updatedAt = try row.storedDate(atIndex: 8)
    }
}
