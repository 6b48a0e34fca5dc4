import Foundation

/// Formatting shared by view models, so every page shows dates the same way.
enum DisplayFormat {
    /// `2026-11-25 14:03 UTC`: unambiguous for teams spread over time zones.
    static func dateTime(_ date: Date) -> String {
        let t = UTCTime(date)
        return "\(t.day) \(twoDigits(t.hour)):\(twoDigits(t.minute)) UTC"
    }

    /// `2026-11-25 14:03:27 UTC`, for timelines where steps are seconds apart.
    static func preciseTime(_ date: Date) -> String {
        let t = UTCTime(date)
        return "\(t.day) \(twoDigits(t.hour)):\(twoDigits(t.minute)):\(twoDigits(t.second)) UTC"
    }

    /// `7` as `07`: clock fields, dates and cents, without `String(format:)`.
    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    static func date(_ date: Date) -> String {
        UTCTime(date).day
    }

    /// `88 KB`, `1.2 GB`.
    static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .file)
    }

    /// The start (UTC) of a day typed as `2026-11-25`, as date inputs send it; nil otherwise.
    static func parseDay(_ text: some StringProtocol) -> Date? {
        day.date(from: String(text.prefix(10)))
    }

    private static let day = utcFormatter("yyyy-MM-dd")

    private static func utcFormatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}

/// A date's UTC calendar fields by integer arithmetic (days to civil date, H. Hinnant's
/// algorithm). Pages print dozens of dates; Foundation's `DateFormatter` costs microseconds
/// each behind a lock shared by every request, this costs nanoseconds. Rounded to the
/// millisecond, then seconds truncated, as `DateFormatter` does.
struct UTCTime {
    let year: Int
    let month: Int
    let dayOfMonth: Int
    let hour: Int
    let minute: Int
    let second: Int

    init(_ date: Date) {
        // ICU (behind DateFormatter) first rounds to whole milliseconds, then truncates.
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let interval = (milliseconds / 1000).rounded(.down)
        let seconds = interval.isFinite ? Int64(max(min(interval, 1e15), -1e15)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        dayOfMonth = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// `2026-11-25`.
    var day: String {
        let digits = String(abs(year))
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return "\(year < 0 ? "-" : "")\(padded)-\(DisplayFormat.twoDigits(month))-\(DisplayFormat.twoDigits(dayOfMonth))"
    }

}
