import Foundation

/// US-dollar amounts as the pages show them, and the month budgets count in.
enum Money {
    static func format(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        return "\(sign)$\(magnitude / 100).\(DisplayFormat.twoDigits(Int(magnitude % 100)))"
    }

    /// Parses `12`, `12.5`, `$1,200.00`; nil when not an amount.
    static func parseCents(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let value = Double(cleaned), value.isFinite, value >= 0, value < 100_000_000 else { return nil }
        return Int((value * 100).rounded())
    }

    /// The first instant of `date`'s calendar month in UTC.
    static func startOfMonth(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.dateInterval(of: .month, for: date)?.start ?? date
    }
}
