import Mustache

/// HTML that a template has already rendered (and so escaped), to be inserted into another
/// page with a triple mustache. Only `PageRenderer.renderFragment` creates one, so a
/// `{{{ }}}` can never be handed raw user or upstream text.
struct PrerenderedHTML: Sendable, CustomStringConvertible {
    let description: String

    fileprivate init(rendered: String) {
        description = rendered
    }
}

extension PageRenderer {
    /// Renders a fragment template (no layout) for later insertion with `{{{ }}}`.
    func renderFragment(_ model: some MustacheParent, template: String, engine: Engine? = nil) throws -> PrerenderedHTML {
        let output = try renderOutput(model, template: template, engine: engine ?? self.engine)
        // Fragments are shared by every viewer (StoryboardCache): one viewer's CSRF token or
        // name inside would be served to the others.
        guard !output.printsViewerText else { throw ViewerTextInFragmentError(template: template) }
        return PrerenderedHTML(rendered: String(decoding: output.bytes, as: UTF8.self))
    }
}

/// A fragment template printed a `ViewerText` (a programming error).
struct ViewerTextInFragmentError: Error, CustomStringConvertible {
    let template: String
    var description: String { "fragment \(template) prints the viewer's own values, so it cannot be shared" }
}
