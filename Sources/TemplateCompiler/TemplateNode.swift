import Foundation
// swift-mustache's token tree is internal; debug builds enable testability, so the compiler
// reads it there. A release build of this target compiles, but only says to use debug.
#if DEBUG
@testable import Mustache
#endif

/// A template as swift-mustache parsed it (its own token tree, so whitespace, standalone
/// lines and indentation are exactly the interpreter's), in a form the emitter can walk.
indirect enum TemplateNode {
    case text(String)
    case variable(name: String, escaped: Bool)
    case section(name: String, body: [TemplateNode])
    case invertedSection(name: String, body: [TemplateNode])
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with block overrides.
    case partial(name: String, indentation: String?, overrides: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}`.
    case block(name: String, defaultBody: [TemplateNode], indentation: String?)
}

struct TemplateSyntaxError: Error, CustomStringConvertible {
    let description: String
}

#if DEBUG
enum TemplateTree {
    /// Every template under `directory`, by name (`storyboards/show`), as the library loads them.
    static func load(directory: URL) throws -> [String: [TemplateNode]] {
        var result: [String: [TemplateNode]] = [:]
        for (name, template) in try MustacheLibrary.loadTemplates(from: directory.path, withExtension: "mustache") {
            result[name] = try nodes(template, in: name)
        }
        return result
    }

    static func nodes(_ template: MustacheTemplate, in name: String) throws -> [TemplateNode] {
        try template.tokens.compactMap { token -> TemplateNode? in
            switch token {
            case .text(let text):
                return .text(text)
            case .variable(let variable, let transforms):
                try noTransforms(transforms, variable, name)
                return .variable(name: variable, escaped: true)
            case .unescapedVariable(let variable, let transforms):
                try noTransforms(transforms, variable, name)
                return .variable(name: variable, escaped: false)
            case .section(let variable, let transforms, let body):
                try noTransforms(transforms, variable, name)
                return .section(name: variable, body: try nodes(body, in: name))
            case .invertedSection(let variable, let transforms, let body):
                try noTransforms(transforms, variable, name)
                return .invertedSection(name: variable, body: try nodes(body, in: name))
            case .blockExpansion(let block, let defaultTemplate, let indentation):
                return .block(name: block, defaultBody: try nodes(defaultTemplate, in: name), indentation: indentation)
            case .partial(let partial, let indentation, let inherits):
                var overrides: [String: [TemplateNode]]?
                if let inherits {
                    overrides = try inherits.mapValues { try nodes($0, in: name) }
                }
                return .partial(name: partial, indentation: indentation, overrides: overrides)
            case .blockDefinition:
                return nil
            case .dynamicNamePartial(let partial, _, _):
                throw TemplateSyntaxError(description: "\(name): dynamic partial {{>*\(partial)}} cannot be compiled")
            case .contentType:
                throw TemplateSyntaxError(description: "\(name): content-type pragmas cannot be compiled")
            }
        }
    }

    private static func noTransforms(_ transforms: [String], _ variable: String, _ name: String) throws {
        guard transforms.isEmpty else {
            throw TemplateSyntaxError(description: "\(name): transforms on {{\(variable)}} cannot be compiled")
        }
    }
}
#else
enum TemplateTree {
    static func load(directory: URL) throws -> [String: [TemplateNode]] {
        throw TemplateSyntaxError(description: "showrunner-templates needs a debug build (swift build --product showrunner-templates)")
    }
}
#endif
