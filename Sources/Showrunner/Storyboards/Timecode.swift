import Foundation

/// Timecodes as production teams read them. Storage is float seconds; display rounds to the
/// millisecond once, so `start` and `end` never print out of order.
public enum Timecode {
    /// `00:01:23.400` (always with hours: episodes are short, but a fixed width reads best in columns).
    public static func display(_ seconds: Double) -> String {
        format(seconds, separator: ".")
    }

    /// SRT cue time: `00:01:23,400`.
    public static func srt(_ seconds: Double) -> String {
        format(seconds, separator: ",")
    }

    /// WebVTT cue time: `00:01:23.400`.
    public static func vtt(_ seconds: Double) -> String {
        format(seconds, separator: ".")
    }

    /// SMPTE non-drop-frame `HH:MM:SS:FF` at `fps` frames a second, for edit decision work.
    public static func smpte(_ seconds: Double, fps: Int = 25) -> String {
        // From whole milliseconds, so 1.16 s is frame 29 and not 28.999… floored to 28.
        let frames = milliseconds(seconds) * max(1, fps) / 1000
        let ff = frames % max(1, fps)
        let totalSeconds = frames / max(1, fps)
        let two = DisplayFormat.twoDigits
        return "\(two(totalSeconds / 3600)):\(two(totalSeconds / 60 % 60)):\(two(totalSeconds % 60)):\(two(ff))"
    }

    /// Whole milliseconds, clamped at zero (non-finite input reads as zero).
    public static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds, 359_999.999) * 1000 + 0.5)
    }

    /// `#t=83.4`-style value for URLs and `data-` attributes: seconds with at most 3 decimals.
    public static func fragmentValue(_ seconds: Double) -> String {
        let ms = milliseconds(seconds)
        let whole = ms / 1000, fraction = ms % 1000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    private static func format(_ seconds: Double, separator: Character) -> String {
        let ms = milliseconds(seconds)
        let totalSeconds = ms / 1000
        let millis = ms % 1000
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        let two = DisplayFormat.twoDigits
        return "\(two(totalSeconds / 3600)):\(two(totalSeconds / 60 % 60)):\(two(totalSeconds % 60))\(separator)\(millisText)"
    }

    /// Reads what people type: `00:01:23.400`, `1:23.4`, `83.4`, `01:23,400`. Nil for
    /// anything else, negative or beyond 100 hours.
    public static func parse(_ text: String) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), let last = parts.last, let seconds = Double(last), seconds.isFinite, seconds >= 0 else { return nil }
        var total = seconds
        var multiplier = 60.0
        for part in parts.dropLast().reversed() {
            guard let value = Int(part), value >= 0 else { return nil }
            if parts.count > 1 && seconds >= 60 { return nil }
            total += Double(value) * multiplier
            multiplier *= 60
        }
        return total < 360_000 ? total : nil
    }
}
