import Foundation

/// Formatting shared by view models, so every page shows dates the same way.
enum DisplayFormat {
    /// `2026-11-25 14:03 UTC`: unambiguous for teams spread over time zones.
    static func dateTime(_ date: Date) -> String {
        dateTime.string(from: date)
    }

    /// `2026-11-25 14:03:27 UTC`, for timelines where steps are seconds apart.
    static func preciseTime(_ date: Date) -> String {
        preciseTime.string(from: date)
    }

    static func date(_ date: Date) -> String {
        day.string(from: date)
    }

    /// `88 KB`, `1.2 GB`.
    static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .file)
    }

    /// The start (UTC) of a day typed as `2026-11-25`, as date inputs send it; nil otherwise.
    static func parseDay(_ text: some StringProtocol) -> Date? {
        day.date(from: String(text.prefix(10)))
    }

    private static let dateTime = utcFormatter("yyyy-MM-dd HH:mm 'UTC'")
    private static let preciseTime = utcFormatter("yyyy-MM-dd HH:mm:ss 'UTC'")
    private static let day = utcFormatter("yyyy-MM-dd")

    private static func utcFormatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}
