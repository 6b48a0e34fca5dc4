import Foundation
import Hummingbird
import Mustache

/// Renders page view models with the Mustache templates in `Templates/`.
///
/// Templates are parsed once at start-up, so a syntax error stops the server before it serves.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let reload: Bool

    public init(templatesDirectory: URL, reload: Bool = false) async throws {
        self.library = try await MustacheLibrary(directory: templatesDirectory.path, withExtension: "mustache")
        self.reload = reload
    }

    /// Renders `template` (a path under Templates/ without the extension) with `page`.
    public func render(_ page: some MustacheParent, template: String, status: HTTPResponse.Status = .ok) throws -> HTML {
        #if DEBUG
        let output = library.render(page, withTemplate: template, reload: reload)
        #else
        let output = library.render(page, withTemplate: template)
        #endif
        guard let output else { throw MissingTemplateError(name: template) }
        return HTML(output, status: status)
    }

    struct MissingTemplateError: Error, CustomStringConvertible {
        let name: String
        var description: String { "No template named \(name) in Templates/." }
    }
}
