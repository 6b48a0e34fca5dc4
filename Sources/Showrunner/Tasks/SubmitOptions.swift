import Foundation
import MemoriesClient

/// What the submit form asks for, with upstream's documented defaults.
struct SubmitOptions: Sendable, Equatable {
    var selectionText = "all"
    var mode = ScreenplayMode.shortDrama.rawValue
    var language = "zh-CN"
    var useFaceRecognition = true
    var useSubtitle = false
    var requireJSON = true
    var requireXLSX = false
    var requireMergeXLSX = false
    var concurrency = 100
    /// The task this one repeats, if it is a resubmission.
    var resubmittedFrom: Int64?

    /// Reads the form; unchecked checkboxes are absent, so booleans are "present means on".
    /// A hidden `submitted` field tells a posted form from a first visit (defaults).
    init(form: FormFields?, defaultLanguage: String) {
        language = defaultLanguage
        guard let form, form["submitted"] != nil else { return }
        selectionText = form["episodes"] ?? ""
        mode = form["mode"] ?? ""
        language = form["language"] ?? ""
        useFaceRecognition = form["use_face_recognition"] != nil
        useSubtitle = form["use_subtitle"] != nil
        requireJSON = form["require_json"] != nil
        requireXLSX = form["require_xlsx"] != nil
        requireMergeXLSX = form["require_merge_xlsx"] != nil
        concurrency = Int(form["concurrency"] ?? "") ?? -1
        resubmittedFrom = form["resubmitted_from"].flatMap { Int64($0) }
    }

    init() {}

    var config: ScreenplayConfig {
        ScreenplayConfig(
            language: language, useFaceRecognition: useFaceRecognition, useSubtitle: useSubtitle,
            requireJSON: requireJSON, requireXLSX: requireXLSX, requireMergeXLSX: requireMergeXLSX, concurrency: concurrency
        )
    }

    /// Field name → problem, for messages next to the fields.
    var problems: [String: String] {
        var problems: [String: String] = [:]
        if case .failure(let error) = EpisodeSelection.parse(selectionText) { problems["episodes"] = error.message }
        if ScreenplayMode(rawValue: mode)?.isAvailable != true {
            problems["mode"] = "Only short_drama is available; korean_drama and prompt_script are coming soon."
        }
        let trimmedLanguage = language.trimmingCharacters(in: .whitespaces)
        if trimmedLanguage.isEmpty || trimmedLanguage.count > 20
            || !trimmedLanguage.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            problems["language"] = "Use a language code such as zh-CN or en."
        }
        if !(requireJSON || requireXLSX || requireMergeXLSX) {
            problems["outputs"] = "Choose at least one output: JSON, per-episode XLSX or merged XLSX."
        }
        if !(1...1000).contains(concurrency) { problems["concurrency"] = "Concurrency must be a whole number from 1 to 1000." }
        return problems
    }
}
