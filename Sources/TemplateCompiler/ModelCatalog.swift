import Foundation

/// What a template value is, as far as the generated code must know: a view model it walks
/// itself, or a plain value it hands to `TemplateValue`.
indirect enum ValueType: Equatable {
    /// A struct with `child(named:)`, by qualified name.
    case model(String)
    case optional(ValueType)
    case array(ValueType)
    /// Anything without children (String, Int, Bool, PrerenderedHTML, arrays of them…):
    /// `TemplateValue` decides at compile time. `known` is false for values the compiler
    /// could not type from the source (an expression): they may be nil.
    case leaf(mayBeNil: Bool)

    var containsModel: Bool {
        switch self {
        case .model: true
        case .optional(let wrapped), .array(let wrapped): wrapped.containsModel
        case .leaf: false
        }
    }

    var isOptional: Bool {
        switch self {
        case .optional: true
        case .leaf(let mayBeNil): mayBeNil
        default: false
        }
    }
}

/// How the generated code reads one child of a view model.
struct ChildAccess {
    /// A Swift expression on the frame variable, `{frame}` standing for it.
    let expression: String
    let type: ValueType
    /// Set when the child is read through a generated accessor: (struct, accessor, body).
    let accessor: Accessor?

    struct Accessor: Hashable {
        let structName: String
        let name: String
        let body: String
    }
}

struct CompileError: Error, CustomStringConvertible {
    let description: String
}

/// Every struct of the app's sources, for resolving types and `child(named:)` cases.
struct ModelCatalog {
    let structs: [String: ScannedStruct]

    init(sources: [String]) {
        var structs: [String: ScannedStruct] = [:]
        for source in sources {
            for scanned in SwiftModelScanner.scan(source) where structs[scanned.qualifiedName] == nil {
                structs[scanned.qualifiedName] = scanned
            }
        }
        self.structs = structs
    }

    /// Resolves a type name as Swift would from inside `scope` (nested types first).
    func resolve(_ name: String, from scope: String) -> ScannedStruct? {
        var components = scope.split(separator: ".").map(String.init)
        while true {
            let candidate = (components + [name]).joined(separator: ".")
            if let found = structs[candidate] { return found }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// Parses a declared type (`[Crumb]`, `String?`, `Optional<X>`) from inside `scope`.
    func valueType(_ declared: String, from scope: String) -> ValueType {
        let type = declared.trimmingCharacters(in: .whitespaces)
        if type.hasSuffix("?") || type.hasSuffix("!") {
            return .optional(valueType(String(type.dropLast()), from: scope))
        }
        if type.hasPrefix("Optional<"), type.hasSuffix(">") {
            return .optional(valueType(String(type.dropFirst("Optional<".count).dropLast()), from: scope))
        }
        if type.hasPrefix("["), type.hasSuffix("]"), !type.contains(":") {
            return .array(valueType(String(type.dropFirst().dropLast()), from: scope))
        }
        if type.hasPrefix("Array<"), type.hasSuffix(">") {
            return .array(valueType(String(type.dropFirst("Array<".count).dropLast()), from: scope))
        }
        if let found = resolve(type, from: scope), found.children != nil {
            return .model(found.qualifiedName)
        }
        // swift-mustache reads `[String: T]` by key: a frame whose children are its entries.
        if let element = Self.dictionaryValueType(type) {
            return .model(Self.dictionaryPrefix + (resolve(element, from: scope)?.qualifiedName ?? element) + "]")
        }
        return .leaf(mayBeNil: false)
    }

    static let dictionaryPrefix = "[String: "

    /// How to read child `name` of model `model`, or nil when it has none.
    func child(_ name: String, of model: String) throws -> ChildAccess? {
        if model.hasPrefix(Self.dictionaryPrefix) {
            let element = String(model.dropFirst(Self.dictionaryPrefix.count).dropLast())
            return ChildAccess(expression: "{frame}[\(Self.stringLiteral(name))]", type: .optional(valueType(element, from: "")), accessor: nil)
        }
        guard let scanned = structs[model], let children = scanned.children else { return nil }
        if let expression = children[name] {
            return access(expression, childName: name, in: scanned)
        }
        if let delegate = scanned.delegate, let declared = scanned.properties[delegate] {
            guard case .model(let target) = valueType(declared, from: scanned.qualifiedName) else {
                throw CompileError(description: "\(model) delegates to \(delegate), which is not a view model")
            }
            guard let inner = try child(name, of: target) else { return nil }
            return ChildAccess(
                expression: inner.expression.replacingOccurrences(of: "{frame}", with: "{frame}.\(delegate)"),
                type: inner.type, accessor: inner.accessor)
        }
        return nil
    }

    static func stringLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `T` of a declared `[String: T]`.
    static func dictionaryValueType(_ declared: String) -> String? {
        let type = declared.trimmingCharacters(in: .whitespaces)
        guard type.hasPrefix("[String:"), type.hasSuffix("]") else { return nil }
        return String(type.dropFirst("[String:".count).dropLast()).trimmingCharacters(in: .whitespaces)
    }

    private func access(_ expression: String, childName: String, in scanned: ScannedStruct) -> ChildAccess {
        var path = expression
        if path.hasPrefix("self.") { path = String(path.dropFirst(5)) }
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let isPath = !components.isEmpty && components.allSatisfy { component in
            guard let first = component.first, first.isLetter || first == "_" else { return false }
            return component.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        if isPath, let type = pathType(components, from: scanned) {
            return ChildAccess(expression: "{frame}." + path, type: type, accessor: nil)
        }
        let accessorName = "template_" + childName.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return ChildAccess(
            expression: "{frame}." + accessorName, type: .leaf(mayBeNil: true),
            accessor: .init(structName: scanned.qualifiedName, name: accessorName, body: expression))
    }

    /// The type of `a.b.c` read from `scanned`, when every step is a declared, non-optional
    /// property (the last may be optional).
    private func pathType(_ components: [String], from scanned: ScannedStruct) -> ValueType? {
        var current = scanned
        for (index, component) in components.enumerated() {
            guard let declared = current.properties[component] else { return nil }
            let type = valueType(declared, from: current.qualifiedName)
            if index == components.count - 1 { return type.containsModel ? type : leafType(type) }
            guard case .model = type, let next = resolveStruct(declared, from: current.qualifiedName) else {
                // A plain struct on the way (`totals.approved`): read its declared field.
                guard let next = resolveStruct(declared, from: current.qualifiedName) else { return nil }
                current = next
                continue
            }
            current = next
        }
        return nil
    }

    private func resolveStruct(_ declared: String, from scope: String) -> ScannedStruct? {
        let name = declared.trimmingCharacters(in: .whitespaces)
        guard !name.hasSuffix("?"), !name.hasPrefix("[") else { return nil }
        return resolve(name, from: scope)
    }

    /// Plain values keep only whether they may be nil.
    private func leafType(_ type: ValueType) -> ValueType {
        .leaf(mayBeNil: type.isOptional)
    }
}
