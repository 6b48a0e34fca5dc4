import Foundation
import GRDB

extension Row {
    /// The date GRDB stored at `index` ("yyyy-MM-dd HH:mm:ss.SSS", UTC), read by integer
    /// arithmetic. GRDB decodes a date through `Calendar.date(from:)`, a few microseconds each:
    /// a tenth of a 50-row page's database time. Text in any other form goes to GRDB's decoder,
    /// so this never reads a value differently. Throws on NULL or text that is not a date.
    func storedDate(atIndex index: Int) throws -> Date {
        if let date = try withUnsafeData(atIndex: index, { data in data.flatMap(StoredDate.parse) }) { return date }
        return try decode(atIndex: index)
    }

    /// `storedDate(atIndex:)`, nil for NULL.
    func storedDateIfPresent(atIndex index: Int) throws -> Date? {
        if hasNull(atIndex: index) { return nil }
        return try storedDate(atIndex: index)
    }
}

/// GRDB's storage format for dates, parsed without a calendar.
enum StoredDate {
    /// "yyyy-MM-dd HH:mm:ss" with an optional fraction of 1 to 3 digits (GRDB writes 3), UTC;
    /// nil for anything else.
    static func parse(_ data: Data) -> Date? {
        data.withUnsafeBytes { raw -> Date? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count == 19 || (bytes.count >= 21 && bytes.count <= 23 && bytes[19] == UInt8(ascii: ".")) else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for offset in from..<(from + count) {
                    let digit = Int(bytes[offset]) - 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
            else { return nil }
            var milliseconds = 0
            if bytes.count > 19 {
                let digits = bytes.count - 20
                guard let fraction = number(20, digits) else { return nil }
                milliseconds = fraction * (digits == 1 ? 100 : digits == 2 ? 10 : 1)
            }
            let seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
            // Whole seconds since 2001 plus the fraction, rounded as Calendar.date(from:) rounds
            // (from 1970 in one division differs in the last bit for a quarter of dates).
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(milliseconds) / 1_000)
        }
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
