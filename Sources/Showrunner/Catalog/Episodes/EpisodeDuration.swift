import Foundation

/// Episode durations: stored as seconds, typed as `312.5`, `5:12` or `1:02:03`, shown as `5:12`.
public enum EpisodeDuration {
    /// The longest episode the upstream accepts for screenplay extraction ("under 5 minutes").
    public static let upstreamLimit: Double = 300
    /// Anything longer is a typo, not an episode (and would overflow integer formatting).
    public static let maximum: Double = 86_400

    /// Parses seconds or a clock form; nil when the text is not a duration.
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count <= 6 }),
                let seconds = Double(parts[parts.count - 1]), seconds >= 0, seconds < 60
            else { return nil }
            var total = seconds
            for (index, part) in parts.dropLast().reversed().enumerated() {
                guard let value = Int(part), value >= 0 else { return nil }
                if index == 0, parts.count == 3, value >= 60 { return nil }
                total += Double(value) * (index == 0 ? 60 : 3600)
            }
            return total > 0 && total <= maximum ? total : nil
        }
        guard let seconds = Double(trimmed), seconds.isFinite, seconds > 0, seconds <= maximum else { return nil }
        return seconds
    }

    /// `5:12`, or `1:02:03` past an hour; fractions of a second are dropped for display.
    /// Integer arithmetic, not `String(format:)`: the drama page formats 50 of these per request.
    public static func format(_ seconds: Double) -> String {
        // Stored values pass `parse`, but clamp anyway: formatting must never trap.
        let whole = Int(min(max(seconds, 0), maximum).rounded(.down))
        let (hours, minutes, secs) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return hours > 0 ? "\(hours):\(DisplayFormat.twoDigits(minutes)):\(DisplayFormat.twoDigits(secs))" : "\(minutes):\(DisplayFormat.twoDigits(secs))"
    }

    /// Total minutes for summaries: `12.5 min`, `1,204 min` (what `%.1f` and a decimal
    /// `NumberFormatter` print, without building a formatter per call).
    public static func minutes(_ seconds: Double) -> String {
        let minutes = seconds / 60
        guard minutes.isFinite, abs(minutes) < 1e15 else { return String(format: "%.1f min", minutes) }
        if minutes < 100 {
            let scaled = minutes * 10
            // Near a tie the multiplication may have rounded: let printf decide those exactly.
            if minutes < 0 || abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { return String(format: "%.1f min", minutes) }
            let tenths = Int(scaled.rounded(.toNearestOrEven))
            return "\(tenths / 10).\(tenths % 10) min"
        }
        return grouped(Int(minutes.rounded())) + " min"
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// Seconds as typed back into a form: `312.5`, `300`.
    public static func editable(_ seconds: Double?) -> String {
        guard let seconds else { return "" }
        guard seconds.isFinite, abs(seconds) <= maximum else { return String(seconds) }
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
