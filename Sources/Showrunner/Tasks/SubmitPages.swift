import Mustache

/// The submit form: episodes, mode and every config field, with errors next to the fields.
struct SubmitFormPage: PageViewModel {
    var chrome: PageChrome
    var dramaTitle: String
    var actionURL: String
    var cancelURL: String
    var options: SubmitOptions
    var errors: [String: String]
    var notice: String?
    var episodeSummary: String
    var upstreamNote: String

    var languages: [FormField.Option] {
        Drama.languages.map { FormField.Option(value: $0.code, label: $0.label, selected: $0.code == options.language) }
    }

    var errorMap: ErrorMap { ErrorMap(errors: errors) }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "dramaTitle": dramaTitle
        case "actionURL": actionURL
        case "cancelURL": cancelURL
        case "episodes": options.selectionText
        case "language": options.language
        case "concurrency": options.concurrencyText
        case "notice": notice
        case "languages": languages
        case "useFaceRecognition": options.useFaceRecognition
        case "useSubtitle": options.useSubtitle
        case "requireJSON": options.requireJSON
        case "requireXLSX": options.requireXLSX
        case "requireMergeXLSX": options.requireMergeXLSX
        case "errors": errorMap
        case "hasErrors": !errors.isEmpty
        case "episodeSummary": episodeSummary
        case "upstreamNote": upstreamNote
        case "resubmittedFrom": options.resubmittedFrom.map(String.init)
        case "submitToken": options.submitToken
        default: nil
        }
    }
}

/// Field name → message, for `{{#errors.episodes}}…{{/errors.episodes}}`.
struct ErrorMap: MustacheParent, Sendable {
    var errors: [String: String]
    func child(named name: String) -> Any? { errors[name] }
}

/// The review step: exactly what will be sent and what it will cost.
struct SubmitReviewPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var number: Int
        var title: String
        var assetId: String
        var duration: String
        var cost: String
        var unknown: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "title": title
            case "assetId": assetId
            case "duration": duration
            case "cost": cost
            case "unknown": unknown
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var dramaTitle: String
    var rows: [Row]
    var blockers: [String]
    /// Why the page is shown again (upstream refused, the episodes changed, over budget).
    var notice: String?
    var requestBody: String
    var estimate: String
    var unknownNote: String?
    var budgetNote: String?
    var budgetBlocked: Bool
    var accountLabel: String
    var confirmURL: String
    var backURL: String
    var hidden: [HiddenField]
    /// The chosen options alone, for "Change the options".
    var options: [HiddenField]
    var canSubmit: Bool
    var isSimulated: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "dramaTitle": dramaTitle
        case "rows": rows
        case "episodeCount": rows.count
        case "blockers": blockers
        case "hasBlockers": !blockers.isEmpty
        case "notice": notice
        case "requestBody": requestBody
        case "estimate": estimate
        case "unknownNote": unknownNote
        case "budgetNote": budgetNote
        case "budgetBlocked": budgetBlocked
        case "accountLabel": accountLabel
        case "confirmURL": confirmURL
        case "backURL": backURL
        case "hidden": hidden
        case "options": options
        case "isSimulated": isSimulated
        case "canConfirm": canSubmit && blockers.isEmpty && !budgetBlocked
        default: nil
        }
    }
}

struct HiddenField: MustacheParent, Sendable {
    var name: String
    var value: String

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}
