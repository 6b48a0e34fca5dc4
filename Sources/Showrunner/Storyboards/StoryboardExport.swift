/// The files a storyboard can be downloaded as; the raw value is the path's last segment
/// (`…/episodes/{id}/storyboard.csv`).
public enum StoryboardExport: String, Sendable, CaseIterable {
    case csv, xlsx, fountain, srt, vtt

    var fileName: String {
        switch self {
        case .csv: "storyboard.csv"
        case .xlsx: "storyboard.xlsx"
        case .fountain: "screenplay.fountain"
        case .srt: "transcript.srt"
        case .vtt: "transcript.vtt"
        }
    }

    var label: String {
        switch self {
        case .csv: "CSV"
        case .xlsx: "XLSX"
        case .fountain: "Fountain"
        case .srt: "SRT"
        case .vtt: "WebVTT"
        }
    }

    var fileExtension: String { rawValue }

    enum Scope { case episode, drama }

    /// The middle of the download name: `… - EP03 - storyboard.csv`.
    func label(for scope: Scope) -> String {
        switch self {
        case .csv, .xlsx: "storyboard"
        case .fountain: "screenplay"
        case .srt, .vtt: "subtitles"
        }
    }

    /// Subtitles are per episode; the rest also exist for a whole drama.
    var coversDrama: Bool { self == .csv || self == .xlsx || self == .fountain }

    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .fountain: "text/plain; charset=utf-8"
        case .srt: "application/x-subrip; charset=utf-8"
        case .vtt: "text/vtt; charset=utf-8"
        }
    }
}
