import Foundation
import Mustache

/// The comments section of the storyboard page: open and resolved comments, and the form.
struct CommentsView: MustacheParent, Sendable {
    struct Item: MustacheParent, Sendable {
        var id: Int64
        var target: String
        var targetURL: String
        var at: String?
        var body: String
        var byline: String
        var resolved: String?
        /// Nil for people who may not resolve comments.
        var actionURL: String?
        var actionLabel: String

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "anchor": "comment-\(id)"
            case "target": target
            case "targetURL": targetURL
            // Names differ from `CommentsView`'s (`at`, `resolved`): a nil here must not be
            // answered by the section's parent.
            case "timecode": at
            case "body": body
            case "byline": byline
            case "resolvedNote": resolved
            case "isResolved": resolved != nil
            case "resolveURL": actionURL
            case "actionLabel": actionLabel
            default: nil
            }
        }
    }

    /// What the comment form shows again after an error.
    struct Draft: Sendable, Equatable {
        var scene = ""
        var shot = ""
        var line = ""
        var at = ""
        var body = ""
        var errors: [String: String] = [:]
    }

    var open: [Item]
    var resolved: [Item]
    var canComment: Bool
    var formURL: String
    var runId: Int64
    var sceneOptions: [FormField.Option]
    var draft: Draft

    init(
        comments: [CommentRepository.Comment], header: StoryboardHeader, runId: Int64, sceneNumbers: [Int], org: String, role: Role,
        draft: Draft = Draft()
    ) {
        let episodeId = header.episodeId
        let storyboardPath = SiteURL.storyboard(org: org, episodeId: episodeId).path
        let canAct = role.isAtLeast(.member)
        func item(_ comment: CommentRepository.Comment) -> Item {
            var target = "Scene \(comment.sceneNumber)"
            var anchor = StoryboardAnchor.scene(comment.sceneNumber)
            if let shot = comment.shotNumber { target += ", shot \(shot)"; anchor = StoryboardAnchor.shot(shot) }
            if let line = comment.lineOrdinal { target += ", line \(line)"; anchor = StoryboardAnchor.line(line) }
            let isResolved = comment.resolvedAt != nil
            return Item(
                id: comment.id, target: target, targetURL: storyboardPath + "#" + anchor,
                at: comment.atSeconds.map(Timecode.display), body: comment.body,
                byline: "\(comment.author), \(DisplayFormat.dateTime(comment.createdAt))",
                resolved: comment.resolvedAt.map { "Resolved by \(comment.resolvedBy ?? "a former member"), \(DisplayFormat.dateTime($0))" },
                actionURL: canAct ? SiteURL.comment(org: org, episodeId: episodeId, commentId: comment.id, isResolved ? .reopen : .resolve).path : nil,
                actionLabel: isResolved ? "Reopen" : "Resolve"
            )
        }
        open = comments.filter { $0.resolvedAt == nil }.map(item)
        resolved = comments.filter { $0.resolvedAt != nil }.map(item)
        canComment = canAct
        formURL = SiteURL.episodeComments(org: org, episodeId: episodeId).path
        self.runId = runId
        sceneOptions = sceneNumbers.map { FormField.Option(value: String($0), label: "Scene \($0)", selected: draft.scene == String($0)) }
        self.draft = draft
    }

    func child(named name: String) -> Any? {
        switch name {
        case "open": open
        case "resolved": resolved
        case "hasOpen": !open.isEmpty
        case "hasResolved": !resolved.isEmpty
        case "openCount": open.count
        case "resolvedCount": resolved.count
        case "canComment": canComment
        case "formURL": formURL
        case "runId": runId
        case "sceneOptions": sceneOptions
        case "shot": draft.shot
        case "line": draft.line
        case "at": draft.at
        case "body": draft.body
        case "sceneError": draft.errors["scene"]
        case "shotError": draft.errors["shot"]
        case "lineError": draft.errors["line"]
        case "atError": draft.errors["at"]
        case "bodyError": draft.errors["body"]
        default: nil
        }
    }
}
