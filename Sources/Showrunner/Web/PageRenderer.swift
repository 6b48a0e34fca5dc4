import Foundation
import Hummingbird
import Mustache

/// Renders page view models with the templates in `Templates/`: compiled to Swift when the
/// template is listed in `Templates/compiled.txt` (`CompiledTemplates`), by swift-mustache
/// otherwise and whenever template reloading is on (debug builds), so an edited template
/// shows on the next request without a rebuild.
///
/// Templates are parsed once at start-up, so a syntax error stops the server before it serves.
public struct PageRenderer: Sendable {
    /// Which renderer a call uses; tests compare the two.
    public enum Engine: Sendable {
        /// Compiled when the template is, else the interpreter.
        case automatic
        case interpreter
        /// As automatic, but a template listed as compiled that gets another view model type
        /// is an error instead of falling back to the interpreter, and every compiled page is
        /// rendered by swift-mustache too and must be byte for byte the same: for tests, so
        /// every page the suite renders checks the compiled templates against the reference.
        case compiled
    }

    let library: MustacheLibrary
    let reload: Bool
    let engine: Engine

    public init(templatesDirectory: URL, reload: Bool = false, engine: Engine = .automatic) async throws {
        self.library = try await MustacheLibrary(directory: templatesDirectory.path, withExtension: "mustache")
        self.reload = reload
        self.engine = engine
    }

    /// The renderer `configuration` asks for (templates folder, reloading, engine).
    public init(configuration: AppConfiguration) async throws {
        try await self.init(
            templatesDirectory: configuration.templatesDirectory, reload: configuration.reloadTemplates, engine: configuration.templateEngine)
    }

    /// Renders `template` (a path under Templates/ without the extension) with `page`.
    public func render(_ page: some MustacheParent, template: String, status: HTTPResponse.Status = .ok, engine: Engine? = nil) throws -> HTML {
        let output = try renderOutput(page, template: template, engine: engine ?? self.engine)
        return HTML(bytes: output.bytes, status: status, viewerHoles: output.viewerHoles)
    }

    /// The names of the compiled templates and their view model types.
    public static var compiledTemplates: [String: String] { CompiledTemplates.models }

    /// The page; where the viewer's values are in it when a compiled template wrote them all
    /// where it could note them; whether it printed any viewer value (compiled only).
    func renderOutput(_ model: some MustacheParent, template: String, engine: Engine) throws
        -> (bytes: [UInt8], viewerHoles: [ViewerHole]?, printsViewerText: Bool)
    {
        if engine != .interpreter, !reload {
            var out = HTMLWriter()
            if CompiledTemplates.render(model, template: template, into: &out) {
                if engine == .compiled { try verify(out.bytes, model, template: template) }
                return (out.bytes, out.hasUnkeptViewerText ? nil : out.viewerHoles, out.hasUnkeptViewerText || !out.viewerHoles.isEmpty)
            }
            if engine == .compiled, CompiledTemplates.models[template] != nil {
                throw MissingTemplateError(name: template, compiled: true)
            }
        }
        #if DEBUG
        let output = library.render(model, withTemplate: template, reload: reload)
        #else
        let output = library.render(model, withTemplate: template)
        #endif
        guard let output else { throw MissingTemplateError(name: template, compiled: false) }
        return (Array(output.utf8), nil, false)
    }

    /// The interpreter's rendering of the same page must be the same bytes.
    private func verify(_ compiled: [UInt8], _ model: some MustacheParent, template: String) throws {
        let reference = Array((library.render(model, withTemplate: template) ?? "").utf8)
        guard compiled != reference else { return }
        let offset = zip(compiled, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(compiled.count, reference.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
        }
        throw CompiledMismatchError(
            description: "Compiled template \(template) differs from swift-mustache at byte \(offset) "
                + "(\(compiled.count) vs \(reference.count) bytes).\ncompiled:  \(around(compiled))\nreference: \(around(reference))"
        )
    }

    struct CompiledMismatchError: Error, CustomStringConvertible {
        let description: String
    }

    struct MissingTemplateError: Error, CustomStringConvertible {
        let name: String
        let compiled: Bool
        var description: String {
            compiled ? "No compiled template \(name) for this view model (Templates/compiled.txt)." : "No template named \(name) in Templates/."
        }
    }
}
