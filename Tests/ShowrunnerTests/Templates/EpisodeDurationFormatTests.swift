import Foundation
import Testing

@testable import Showrunner

/// The hand-written duration formatting prints exactly what `String(format:)` and a decimal
/// `NumberFormatter` printed before it.
@Suite struct EpisodeDurationFormatTests {
    static func referenceMinutes(_ seconds: Double) -> String {
        let minutes = seconds / 60
        if minutes < 100 { return String(format: "%.1f min", minutes) }
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US")
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return (formatter.string(from: NSNumber(value: minutes.rounded())) ?? "") + " min"
    }

    static func referenceClock(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds, 0), EpisodeDuration.maximum).rounded(.down))
        let (hours, minutes, secs) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    @Test func matchesFoundationFormattingOverTiesBoundariesAndRandomValues() {
        // Ties of the first decimal (0.25 min = 15 s), the 100-minute switch, thousands.
        var values: [Double] = [0, 0.001, 15, 45, 59.97, 60, 597, 5_997, 5_999.9, 6_000, 6_030, 59_970, 60_000, 3_599_999, 86_400, 1e9, -5, 4.5]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            values.append(Double.random(in: 0...7_000, using: &generator))
            values.append(Double(Int.random(in: 0...40_000, using: &generator)) * 0.25)
            values.append(Double.random(in: 0...100_000_000, using: &generator))
        }
        for seconds in values {
            #expect(EpisodeDuration.minutes(seconds) == Self.referenceMinutes(seconds), "\(seconds)")
            #expect(EpisodeDuration.format(seconds) == Self.referenceClock(seconds), "\(seconds)")
        }
    }

    @Test func groupsThousands() {
        #expect(EpisodeDuration.grouped(0) == "0")
        #expect(EpisodeDuration.grouped(999) == "999")
        #expect(EpisodeDuration.grouped(1_000) == "1,000")
        #expect(EpisodeDuration.grouped(1_234_567) == "1,234,567")
        #expect(EpisodeDuration.grouped(-12_345) == "-12,345")
    }
}
