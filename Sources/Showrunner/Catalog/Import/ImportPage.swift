import Mustache

/// Bulk import of episodes: the input form, then a preview of every row with its problems.
struct ImportPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var line: Int
        var number: String
        var assetId: String
        var duration: String
        var title: String
        var problems: [String]
        var warnings: [String]

        func child(named name: String) -> Any? {
            switch name {
            case "line": line
            case "number": number
            case "assetId": assetId
            case "duration": duration
            case "title": title
            case "problems": problems
            case "hasProblems": !problems.isEmpty
            case "warnings": warnings
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var dramaTitle: String
    var text: String
    var inputProblem: String?
    var rows: [Row]
    var problemCount: Int
    var importable: Bool
    var previewed: Bool
    var previewURL: String
    var confirmURL: String
    var cancelURL: String
    var maximumRows: Int
    var maximumKilobytes: Int

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "dramaTitle": dramaTitle
        case "text": text
        case "inputProblem": inputProblem
        case "rows": rows
        case "rowCount": rows.count
        case "problemCount": problemCount
        case "importable": importable
        case "previewed": previewed
        case "previewURL": previewURL
        case "confirmURL": confirmURL
        case "cancelURL": cancelURL
        case "maximumRows": maximumRows
        case "maximumKilobytes": maximumKilobytes
        default: nil
        }
    }
}
