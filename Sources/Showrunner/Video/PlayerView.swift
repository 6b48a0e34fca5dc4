import Foundation
import Mustache

/// The episode player beside the storyboard (`storyboards/player`): where the video and its
/// captions come from, or why there is none.
struct PlayerView: MustacheParent, Sendable {
    var videoURL: String
    var captionsURL: String
    var captionsLanguage: String
    /// Set when the last fetch failed (recently): the page says so instead of a player.
    var unavailableReason: String?

    func child(named name: String) -> Any? {
        switch name {
        case "videoURL": videoURL
        case "captionsURL": captionsURL
        case "captionsLanguage": captionsLanguage
        case "isAvailable": unavailableReason == nil
        case "unavailableReason": unavailableReason
        default: nil
        }
    }

    /// A failure older than this is retried when the page asks for the video again.
    static let failureShownFor: TimeInterval = 600

    init(header: StoryboardHeader, org: String, now: Date = Date()) {
        videoURL = SiteURL.episodeVideo(org: org, episodeId: header.episodeId).path
        captionsURL = SiteURL.storyboardExport(org: org, episodeId: header.episodeId, .vtt).path
            + (header.run.map { $0.isCurrent ? "" : "?run=\($0.id)" } ?? "")
        captionsLanguage = header.run?.language ?? "und"
        if let failure = header.videoFailure, let failedAt = header.videoFailedAt, now.timeIntervalSince(failedAt) < Self.failureShownFor {
            unavailableReason = failure
        }
    }
}
