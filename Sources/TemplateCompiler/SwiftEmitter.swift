import Foundation

/// Writes one Swift function per compiled template, following swift-mustache's rendering
/// rules (`Template+Render.swift`) with every lookup resolved here, at generation time:
/// - a name is looked up from the innermost context outwards; a child that is nil makes the
///   lookup go on outwards (`{{#x}}` inside a section finds an outer `x` when the inner is
///   nil), a non-optional child ends it;
/// - dotted names look up their first part that way and the rest on what it found;
/// - sections iterate arrays, test booleans and push anything else; inverted sections
///   render for nil, false and empty arrays;
/// - partials and blocks are inlined with the contexts, overrides and indentation of the
///   place they are used (`{{<parent}}` overrides from outside win, as in `MustacheContext`).
final class SwiftEmitter {
    struct Frame {
        let variable: String
        /// nil for plain values (no children).
        let model: String?
        /// Pushed by a section over a plain value: when that value is a Bool, swift-mustache
        /// pushed nothing, so `{{.name}}` reads the frame below (decided by the Swift compiler).
        var isPlainSection = false
    }

    struct Context {
        var frames: [Frame]
        var overrides: [String: Override]
        var indentation: String
        var template: String
        var depth: Int
    }

    struct Override {
        let nodes: [TemplateNode]
        let template: String
    }

    let catalog: ModelCatalog
    let templates: [String: [TemplateNode]]
    private(set) var accessors: Set<ChildAccess.Accessor> = []
    private var lines: [String] = []
    private var level = 0
    private var counter = 0

    init(catalog: ModelCatalog, templates: [String: [TemplateNode]]) {
        self.catalog = catalog
        self.templates = templates
    }

    /// The body of `static func <function>(_ f0: <model>, _ out: inout HTMLWriter)`.
    func function(named function: String, template: String, model: String) throws -> [String] {
        guard let nodes = templates[template] else { throw CompileError(description: "no template named \(template)") }
        guard catalog.structs[model]?.children != nil else {
            throw CompileError(description: "\(template): \(model) is not a view model with child(named:)")
        }
        lines = []
        level = 1
        counter = 0
        line("static func \(function)(_ f0: \(model), _ out: inout HTMLWriter) {")
        level += 1
        try emit(nodes, Context(frames: [Frame(variable: "f0", model: model)], overrides: [:], indentation: "", template: template, depth: 0))
        level -= 1
        line("}")
        return lines
    }

    // MARK: - Nodes

    private func emit(_ nodes: [TemplateNode], _ context: Context) throws {
        guard context.depth < 32 else { throw CompileError(description: "\(context.template): partials nest too deep (recursive?)") }
        if context.indentation.isEmpty {
            // Without indentation, token boundaries do not matter: adjacent text is one write.
            var merged: [TemplateNode] = []
            for node in nodes {
                if case .text(let text) = node, case .text(let previous)? = merged.last {
                    merged[merged.count - 1] = .text(previous + text)
                } else {
                    merged.append(node)
                }
            }
            for node in merged { try emit(node, context) }
            return
        }
        // An indented scope: swift-mustache indents each token that starts a line of it.
        let scope = fresh("scope")
        line("do {")
        level += 1
        line("let \(scope) = out.count")
        for node in nodes {
            let token = fresh("token")
            line("let \(token) = out.count")
            try emit(node, context)
            line("out.indentToken(from: \(token), scopeStart: \(scope), indentation: \(literal(context.indentation)))")
        }
        level -= 1
        line("}")
    }

    private func emit(_ node: TemplateNode, _ context: Context) throws {
        switch node {
        case .text(let text):
            if !text.isEmpty { line("out.text(\(literal(text)))") }
        case .variable(let name, let escaped):
            try lookup(name, context, found: { value, type in
                guard !type.containsModel else {
                    throw CompileError(description: "\(context.template): {{\(name)}} prints a view model")
                }
                self.line("\(value).\(escaped ? "writeEscaped" : "writeRaw")(to: &out)")
            }, missing: {})
        case .section(let name, let body):
            try lookup(name, context, found: { value, type in
                try self.section(value, type, body, context)
            }, missing: {})
        case .invertedSection(let name, let body):
            try lookup(name, context, found: { value, type in
                try self.inverted(value, type, body, context)
            }, missing: {
                try self.scoped(body, context)
            })
        case .partial(let name, let indentation, let overrides):
            guard let nodes = templates[name] else {
                throw CompileError(description: "\(context.template): no partial named \(name)")
            }
            var inner = context
            inner.template = name
            inner.depth += 1
            inner.indentation += indentation ?? ""
            for (block, nodes) in overrides ?? [:] where inner.overrides[block] == nil {
                inner.overrides[block] = Override(nodes: nodes, template: context.template)
            }
            line("// {{>\(name)}}")
            try emit(nodes, inner)
        case .block(let name, let defaultBody, let indentation):
            var inner = context
            inner.indentation += indentation ?? ""
            inner.depth += 1
            if let override = context.overrides[name] {
                inner.template = override.template
                try emit(override.nodes, inner)
            } else {
                try emit(defaultBody, inner)
            }
        }
    }

    /// A section's body is rendered in a scope of its own.
    private func scoped(_ body: [TemplateNode], _ context: Context) throws {
        try emit(body, context)
    }

    private func section(_ value: String, _ type: ValueType, _ body: [TemplateNode], _ context: Context) throws {
        switch type {
        case .leaf:
            let element = fresh("e")
            line("\(value).forEachSectionFrame { \(element) in")
            level += 1
            try scoped(body, pushing(Frame(variable: element, model: nil, isPlainSection: true), onto: context))
            level -= 1
            line("}")
        case .model(let model):
            try scoped(body, pushing(Frame(variable: value, model: model), onto: context))
        case .optional(let wrapped):
            let unwrapped = fresh("v")
            line("if let \(unwrapped) = \(value) {")
            level += 1
            try section(unwrapped, wrapped, body, context)
            level -= 1
            line("}")
        case .array(let element):
            let item = fresh("e")
            line("for \(item) in \(value) {")
            level += 1
            switch element {
            case .model(let model): try scoped(body, pushing(Frame(variable: item, model: model), onto: context))
            default: try section(item, element, body, context)
            }
            level -= 1
            line("}")
        }
    }

    private func inverted(_ value: String, _ type: ValueType, _ body: [TemplateNode], _ context: Context) throws {
        switch type {
        case .leaf:
            line("if \(value).templateInvertedRenders {")
        case .model:
            line("_ = \(value)")  // a view model is there: the inverted section renders nothing
            return
        case .optional:
            line("if \(value) == nil {")
        case .array:
            line("if \(value).isEmpty {")
        }
        level += 1
        try scoped(body, context)
        level -= 1
        line("}")
    }

    private func pushing(_ frame: Frame, onto context: Context) -> Context {
        var inner = context
        inner.frames.append(frame)
        return inner
    }

    // MARK: - Lookups

    /// Emits code that finds `name` as swift-mustache's `getChild` would, then `found` with a
    /// variable holding the value (unwrapped when the type says optional), or `missing`.
    private func lookup(
        _ name: String, _ context: Context,
        found: (String, ValueType) throws -> Void, missing: () throws -> Void
    ) throws {
        if name == "." {
            guard let top = context.frames.last else { return try missing() }
            return try found(top.variable, top.model.map(ValueType.model) ?? .leaf(mayBeNil: false))
        }
        let noClimbing = name.hasPrefix(".")
        if noClimbing, let top = context.frames.last, top.isPlainSection {
            // Inside `{{#flag}}` the context is the one around it; inside `{{#text}}` a
            // string has no children.
            var below = context
            below.frames.removeLast()
            line("if type(of: \(top.variable)).templateSectionKeepsContext {")
            level += 1
            try lookup(name, below, found: found, missing: missing)
            try closeIf(else: missing)
            return
        }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return try missing() }
        let frames = noClimbing ? Array(context.frames.suffix(1)) : context.frames
        var candidates: [(Frame, ChildAccess)] = []
        for frame in frames.reversed() {
            guard let model = frame.model, let access = try catalog.child(first, of: model) else { continue }
            candidates.append((frame, access))
            if !access.type.isOptional { break }
        }
        guard !candidates.isEmpty else { return try missing() }

        let stop = fresh("found")
        // Only a lookup that may go on past a nil needs a flag; the names are unique, so no
        // block is needed to scope them.
        let needsFlag = candidates.count > 1 || candidates[0].1.type.isOptional
        if needsFlag { line("var \(stop) = false") }
        let guardFlag = needsFlag ? "!\(stop), " : ""
        for (frame, access) in candidates {
            if let accessor = access.accessor { accessors.insert(accessor) }
            let expression = access.expression.replacingOccurrences(of: "{frame}", with: frame.variable)
            let value = fresh("v")
            func rest(_ type: ValueType) throws { try self.rest(value, type, Array(parts.dropFirst()), found: found, missing: missing) }
            switch access.type {
            case .optional(let wrapped):
                line("if \(guardFlag)let \(value) = \(expression) {")
                level += 1
                if needsFlag { line("\(stop) = true") }
                try rest(wrapped)
                level -= 1
                line("}")
            case .leaf(mayBeNil: true):
                line("let \(value) = \(expression)")
                line("if \(guardFlag)\(value).templateIsPresent {")
                level += 1
                if needsFlag { line("\(stop) = true") }
                try rest(access.type)
                level -= 1
                line("}")
            default:
                if needsFlag {
                    line("if !\(stop) {")
                    level += 1
                    line("\(stop) = true")
                }
                line("let \(value) = \(expression)")
                try rest(access.type)
                if needsFlag {
                    level -= 1
                    line("}")
                }
            }
        }
        if needsFlag, candidates.last?.1.type.isOptional == true {
            line("if !\(stop) {")
            level += 1
            try missing()
            level -= 1
            line("}")
        }
    }

    /// The parts of a dotted name after the first, read on the value found (no climbing).
    private func rest(
        _ value: String, _ type: ValueType, _ parts: [String],
        found: (String, ValueType) throws -> Void, missing: () throws -> Void
    ) throws {
        guard let next = parts.first else { return try found(value, type) }
        switch type {
        case .model(let model):
            guard let access = try catalog.child(next, of: model) else { return try missing() }
            if let accessor = access.accessor { accessors.insert(accessor) }
            let expression = access.expression.replacingOccurrences(of: "{frame}", with: value)
            let child = fresh("v")
            switch access.type {
            case .optional(let wrapped):
                line("if let \(child) = \(expression) {")
                level += 1
                try rest(child, wrapped, Array(parts.dropFirst()), found: found, missing: missing)
                try closeIf(else: missing)
            case .leaf(mayBeNil: true):
                line("let \(child) = \(expression)")
                line("if \(child).templateIsPresent {")
                level += 1
                try rest(child, access.type, Array(parts.dropFirst()), found: found, missing: missing)
                try closeIf(else: missing)
            default:
                line("let \(child) = \(expression)")
                try rest(child, access.type, Array(parts.dropFirst()), found: found, missing: missing)
            }
        default:
            // Plain values and arrays have no named children.
            try missing()
        }
    }

    /// Closes an `if` the caller opened, with an `else` only when `missing` writes something.
    private func closeIf(else missing: () throws -> Void) throws {
        level -= 1
        let mark = lines.count
        line("} else {")
        level += 1
        try missing()
        level -= 1
        if lines.count == mark + 1 { lines.removeLast() }
        line("}")
    }

    // MARK: - Output

    private func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private func line(_ text: String) {
        lines.append(String(repeating: "    ", count: level) + text)
    }

    /// A Swift string literal for `text`.
    func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
