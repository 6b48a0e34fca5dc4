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
