import Foundation

/// The forms of the catalog: how each is laid out and how its input is checked.
enum CatalogForms {
    // MARK: Project

    struct ProjectInput {
        var name: String
        var description: String
    }

    static func project(name: String = "", description: String = "") -> FormState {
        FormState([
            FormField(name: "name", label: "Name", value: name, hint: "A show, a season or a client job."),
            FormField(name: "description", label: "Description", type: "textarea", value: description, required: false),
        ])
    }

    static func readProject(_ fields: FormFields) -> (ProjectInput, FormState) {
        let input = ProjectInput(name: fields["name"] ?? "", description: fields["description"] ?? "")
        var form = project(name: input.name, description: input.description)
        if input.name.isEmpty { form.setError("Name the project.", on: "name") }
        if input.name.count > 200 { form.setError("Use at most 200 characters.", on: "name") }
        if input.description.count > 5000 { form.setError("Use at most 5,000 characters.", on: "description") }
        return (input, form)
    }

    // MARK: Drama

    struct DramaInput {
        var title: String
        var language: String
        var notes: String
    }

    static func drama(title: String = "", language: String = "zh-CN", notes: String = "") -> FormState {
        var options = Drama.languages.map { FormField.Option(value: $0.code, label: $0.label, selected: $0.code == language) }
        if !Drama.languages.contains(where: { $0.code == language }), !language.isEmpty {
            options.append(.init(value: language, label: language, selected: true))
        }
        return FormState([
            FormField(name: "title", label: "Title", value: title),
            FormField(
                name: "language", label: "Language", value: language,
                hint: "The language of the dialogue; extraction results come in this language.", options: options
            ),
            FormField(name: "notes", label: "Notes", type: "textarea", value: notes, required: false),
        ])
    }

    static func readDrama(_ fields: FormFields) -> (DramaInput, FormState) {
        let input = DramaInput(title: fields["title"] ?? "", language: fields["language"] ?? "", notes: fields["notes"] ?? "")
        var form = drama(title: input.title, language: input.language, notes: input.notes)
        if input.title.isEmpty { form.setError("Give the drama a title.", on: "title") }
        if input.title.count > 200 { form.setError("Use at most 200 characters.", on: "title") }
        let languagePattern = #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#
        if input.language.range(of: languagePattern, options: .regularExpression) == nil {
            form.setError("Choose a language.", on: "language")
        }
        if input.notes.count > 5000 { form.setError("Use at most 5,000 characters.", on: "notes") }
        return (input, form)
    }

    // MARK: Episode

    static func episode(number: String = "", title: String = "", assetId: String = "", duration: String = "", notes: String = "") -> FormState {
        FormState([
            FormField(name: "number", label: "Episode number", type: "number", value: number),
            FormField(name: "title", label: "Title", value: title, required: false),
            FormField(
                name: "assetId", label: "memories.ai asset id", value: assetId,
                hint: "re_ followed by digits, as the upload returned it."
            ),
            FormField(
                name: "duration", label: "Duration", value: duration,
                hint: "Seconds (312.5) or minutes:seconds (5:12). Optional; used for cost estimates.", required: false
            ),
            FormField(name: "notes", label: "Notes", type: "textarea", value: notes, required: false),
        ])
    }

    static func readEpisode(_ fields: FormFields) -> (EpisodeRepository.Draft?, FormState) {
        let numberText = fields["number"] ?? ""
        let title = fields["title"] ?? ""
        let assetId = fields["assetId"] ?? ""
        let durationText = fields["duration"] ?? ""
        let notes = fields["notes"] ?? ""
        var form = episode(number: numberText, title: title, assetId: assetId, duration: durationText, notes: notes)
        let number = Int(numberText).flatMap { $0 > 0 && $0 < 100_000 ? $0 : nil }
        if number == nil {
            form.setError(numberText.isEmpty ? "Enter the episode number." : "Use a whole number above 0.", on: "number")
        }
        if let problem = AssetID.problem(with: assetId) { form.setError(problem, on: "assetId") }
        var duration: Double?
        if !durationText.isEmpty {
            duration = EpisodeDuration.parse(durationText)
            if duration == nil { form.setError("Use seconds (312.5) or minutes:seconds (5:12).", on: "duration") }
        }
        if title.count > 200 { form.setError("Use at most 200 characters.", on: "title") }
        if notes.count > 5000 { form.setError("Use at most 5,000 characters.", on: "notes") }
        guard let number, !form.hasErrors else { return (nil, form) }
        return (EpisodeRepository.Draft(number: number, title: title, assetId: assetId, durationSeconds: duration, notes: notes), form)
    }
}
