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
    /// What was typed, kept for the form when it is not a number.
    var concurrencyText = "100"
    /// The task this one repeats, if it is a resubmission.
    var resubmittedFrom: Int64?
    /// Minted when the form is first opened and carried through review to confirm, so a
    /// back-button re-post or a second tab of the same form still names one task.
    var submitToken = SecureToken.generate()

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
        concurrencyText = String((form["concurrency"] ?? "").prefix(20))
        concurrency = Int(concurrencyText) ?? -1
        resubmittedFrom = form["resubmitted_from"].flatMap { Int64($0) }
        if let token = form["submit_token"], token.count >= 20, token.count <= 100 { submitToken = token }
    }

    init() {}

    /// The options of an earlier task, for resubmitting it with the same parameters.
    init(resubmitting request: SubmitTaskRequest, selection: String, from taskId: Int64) {
        selectionText = selection
        mode = request.mode
        let config = request.config
        language = config.language ?? language
        useFaceRecognition = config.useFaceRecognition ?? false
        useSubtitle = config.useSubtitle ?? false
        requireJSON = config.requireJSON ?? true
        requireXLSX = config.requireXLSX ?? false
        requireMergeXLSX = config.requireMergeXLSX ?? false
        concurrency = config.concurrency ?? 100
        concurrencyText = String(concurrency)
        resubmittedFrom = taskId
    }

    /// The options as hidden fields, to carry them from one step to the next.
    var hiddenFields: [HiddenField] {
        var fields = [
            HiddenField(name: "submitted", value: "1"),
            HiddenField(name: "episodes", value: selectionText),
            HiddenField(name: "mode", value: mode),
            HiddenField(name: "language", value: language),
            HiddenField(name: "concurrency", value: concurrencyText),
        ]
        for (name, on) in [
            ("use_face_recognition", useFaceRecognition), ("use_subtitle", useSubtitle), ("require_json", requireJSON),
            ("require_xlsx", requireXLSX), ("require_merge_xlsx", requireMergeXLSX),
        ] where on {
            fields.append(HiddenField(name: name, value: "on"))
        }
        if let resubmittedFrom { fields.append(HiddenField(name: "resubmitted_from", value: String(resubmittedFrom))) }
        fields.append(HiddenField(name: "submit_token", value: submitToken))
        return fields
    }

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
        if !Drama.languages.contains(where: { $0.code == language }) {
            problems["language"] = "Choose one of the listed languages."
        }
        if !(requireJSON || requireXLSX || requireMergeXLSX) {
            problems["outputs"] = "Choose at least one output: JSON, per-episode XLSX or merged XLSX."
        }
        if !(1...1000).contains(concurrency) { problems["concurrency"] = "Concurrency must be a whole number from 1 to 1000." }
        return problems
    }
}
