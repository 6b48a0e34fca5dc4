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
    public static func format(_ seconds: Double) -> String {
        // Stored values pass `parse`, but clamp anyway: formatting must never trap.
        let whole = Int(min(max(seconds, 0), maximum).rounded(.down))
        let (hours, minutes, secs) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// Total minutes for summaries: `12.5 min`, `1,204 min`.
    public static func minutes(_ seconds: Double) -> String {
        let minutes = seconds / 60
        if minutes < 100 { return String(format: "%.1f min", minutes) }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return (formatter.string(from: NSNumber(value: minutes.rounded())) ?? "\(Int(minutes))") + " min"
    }

    /// Seconds as typed back into a form: `312.5`, `300`.
    public static func editable(_ seconds: Double?) -> String {
        guard let seconds else { return "" }
        guard seconds.isFinite, abs(seconds) <= maximum else { return String(seconds) }
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
