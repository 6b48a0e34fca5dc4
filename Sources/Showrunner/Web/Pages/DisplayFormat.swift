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

    private static let preciseTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter
    }()

    static func date(_ date: Date) -> String {
        day.string(from: date)
    }

    private static let dateTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter
    }()

    private static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
