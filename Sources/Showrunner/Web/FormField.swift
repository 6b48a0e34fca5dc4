import Mustache

/// One input of an HTML form: what the user typed and, after a failed submit, what is wrong.
///
/// Rendered by `Templates/partials/field.mustache`, which keeps the user's input and shows the
/// error next to the field.
struct FormField: MustacheParent, Sendable {
    var name: String
    var label: String
    var type: String = "text"
    var value: String = ""
    var error: String?
    var hint: String?
    var autocomplete: String = "off"
    var required: Bool = true
    var options: [Option] = []

    struct Option: MustacheParent, Sendable {
        var value: String
        var label: String
        var selected: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "value": value
            case "label": label
            case "selected": selected
            default: nil
            }
        }
    }

    var isSelect: Bool { !options.isEmpty }
    var isTextArea: Bool { type == "textarea" }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "label": label
        case "type": type
        case "value": value
        case "error": error
        case "hint": hint
        case "autocomplete": autocomplete
        case "required": required
        case "options": options
        case "isSelect": isSelect
        case "isTextArea": isTextArea
        default: nil
        }
    }
}

/// A form's fields by name, plus a message for the whole form.
struct FormState: MustacheParent, Sendable {
    var fields: [String: FormField]
    /// Field names in display order, for templates that render every field (`form.list`).
    let order: [String]
    var formError: String?

    init(_ fields: [FormField], formError: String? = nil) {
        self.fields = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.order = fields.map(\.name)
        self.formError = formError
    }

    var hasErrors: Bool { formError != nil || fields.values.contains { $0.error != nil } }

    mutating func setError(_ message: String, on field: String) {
        fields[field]?.error = message
    }

    func value(_ field: String) -> String { fields[field]?.value ?? "" }

    /// The fields in form order.
    var list: [FormField] { order.compactMap { fields[$0] } }

    func child(named name: String) -> Any? {
        switch name {
        case "formError": formError
        case "list": list
        default: fields[name]
        }
    }
}
