import Foundation
import Testing

@testable import Showrunner

/// The hand-written UTC formatting prints exactly what `DateFormatter` prints.
@Suite struct DisplayFormatTests {
    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    @Test func matchesDateFormatterOverCenturiesLeapDaysAndSecondBoundaries() {
        let day = Self.formatter("yyyy-MM-dd")
        let minute = Self.formatter("yyyy-MM-dd HH:mm 'UTC'")
        let second = Self.formatter("yyyy-MM-dd HH:mm:ss 'UTC'")
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 59.999),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399),  // 2100-02-28 23:59:59
            Date(timeIntervalSince1970: -2_208_988_800),  // 1900-01-01
            Date(timeIntervalSince1970: 1_795_000_000.75),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -3_000_000_000...6_000_000_000, using: &generator)))
        }
        for date in dates {
            #expect(DisplayFormat.date(date) == day.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(DisplayFormat.dateTime(date) == minute.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(DisplayFormat.preciseTime(date) == second.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }
}
