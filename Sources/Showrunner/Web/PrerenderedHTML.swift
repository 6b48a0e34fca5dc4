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
        PrerenderedHTML(rendered: String(decoding: try renderBytes(model, template: template, engine: engine ?? self.engine), as: UTF8.self))
    }
}
