import Foundation
import Mustache

/// `/o/:org/search`: the form, highlighted results and paging.
struct SearchPage: PageViewModel {
    struct Segment: MustacheParent, Sendable {
        var text: String
        var isMatch: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "text": text
            case "isMatch": isMatch
            default: nil
            }
        }
    }

    struct Result: MustacheParent, Sendable {
        var url: String
        var kindLabel: String
        var context: String
        var speaker: String?
        var segments: [Segment]

        func child(named name: String) -> Any? {
            switch name {
            case "url": url
            case "kindLabel": kindLabel
            case "context": context
            case "speaker": speaker
            case "segments": segments
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var query: String
    var projectOptions: [FormField.Option]
    var results: [Result]
    var summary: String?
    var message: String?
    var previousURL: String?
    var nextURL: String?
    var actionURL: String

    init(
        chrome: PageChrome, org: String, query: String, projects: [(id: Int64, name: String)], projectId: Int64?,
        results: SearchRepository.Results?, message: String?
    ) {
        self.chrome = chrome
        self.query = query
        self.message = message
        actionURL = SiteURL.search(org: org).path
        projectOptions = [FormField.Option(value: "", label: "All projects", selected: projectId == nil)]
            + projects.map { FormField.Option(value: String($0.id), label: $0.name, selected: $0.id == projectId) }
        self.results = (results?.hits ?? []).map { hit in
            var anchor = StoryboardAnchor.scene(hit.sceneNumber)
            if let shot = hit.shotNumber, hit.kind == .shot { anchor = StoryboardAnchor.shot(shot) }
            if let line = hit.lineOrdinal { anchor = StoryboardAnchor.line(line) }
            let kindLabel = switch hit.kind {
            case .line: "Line"
            case .heading: "Scene heading"
            case .summary: "Scene summary"
            case .shot: "Shot \(hit.shotNumber ?? 0)"
            }
            return Result(
                url: SiteURL.storyboard(org: org, episodeId: hit.episodeId).path + "#" + anchor, kindLabel: kindLabel,
                context: "\(hit.dramaTitle) · Episode \(hit.episodeNumber) · Scene \(hit.sceneNumber): \(hit.heading) · \(Timecode.display(hit.start))",
                speaker: hit.kind == .line ? hit.speaker ?? "Unknown speaker" : nil,
                segments: hit.segments.map { Segment(text: $0.text, isMatch: $0.isMatch) }
            )
        }
        if let results {
            if results.ranked == 0 {
                summary = "No matches."
            } else if results.isBounded {
                summary = "More than \(SearchRepository.rankedWindow) matches: showing the best among the newest \(SearchRepository.rankedWindow). Add words to narrow the search."
            } else {
                summary = "\(results.ranked) \(results.ranked == 1 ? "match" : "matches"), best first."
            }
            func link(_ page: Int) -> String {
                var items = ["q=" + (query.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")]
                if let projectId { items.append("project=\(projectId)") }
                items.append("page=\(page)")
                return SiteURL.search(org: org).path + "?" + items.joined(separator: "&")
            }
            previousURL = results.page > 1 ? link(results.page - 1) : nil
            nextURL = results.page < results.pageCount ? link(results.page + 1) : nil
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "query": query
        case "projectOptions": projectOptions
        case "results": results
        case "hasResults": !results.isEmpty
        case "summary": summary
        case "message": message
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "actionURL": actionURL
        default: nil
        }
    }
}
