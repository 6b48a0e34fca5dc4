import Mustache

/// HTML that a Mustache template has already rendered (and so escaped), to be inserted into
/// another page with a triple mustache. Only `PageRenderer.renderFragment` creates one, so a
/// `{{{ }}}` can never be handed raw user or upstream text.
struct PrerenderedHTML: Sendable, CustomStringConvertible {
    let description: String

    fileprivate init(rendered: String) {
        description = rendered
    }
}

extension PageRenderer {
    /// Renders a fragment template (no layout) for later insertion with `{{{ }}}`.
    func renderFragment(_ model: some MustacheParent, template: String) throws -> PrerenderedHTML {
        #if DEBUG
        let output = library.render(model, withTemplate: template, reload: reload)
        #else
        let output = library.render(model, withTemplate: template)
        #endif
        guard let output else { throw MissingTemplateError(name: template) }
        return PrerenderedHTML(rendered: output)
    }
}
