import Foundation

/// What the compiler knows of one Swift struct: its properties and, when it is a
/// `MustacheParent`, the names its `child(named:)` answers and with which expression.
struct ScannedStruct {
    var name: String
    /// `Outer.Inner` for nested types.
    var qualifiedName: String
    var properties: [String: String] = [:]
    /// Stored properties only (no body), in order: what Mirror shows.
    var storedProperties: [String] = []
    var children: [String: String]?
    /// `default: member.child(named: name)` or `default: member[name]` (a `[String: T]`,
    /// also as a whole body `{ member[name] }`): lookups that fall through go to `member`.
    var delegate: String?
}

/// Reads struct declarations out of Swift source text. Not a Swift parser: it tracks braces
/// (outside strings and comments) and reads declarations line by line, which is enough for
/// view models written as plain structs; anything it cannot read, the compiler reports.
enum SwiftModelScanner {
    static func scan(_ source: String) -> [ScannedStruct] {
        let lines = stripComments(source).components(separatedBy: "\n")
        var result: [ScannedStruct] = []
        // Open scopes: (kind, qualified name if a struct, depth at which its body starts).
        var stack: [(isStruct: Bool, index: Int?, bodyDepth: Int, qualified: String)] = []
        var depth = 0
        var childFunctionDepth: Int?
        var childOwner: Int?
        for rawLine in lines {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let opens = braceDelta(line)
            let owner = stack.last(where: { $0.isStruct })
            let atStructBody = stack.last.map { $0.isStruct && depth == $0.bodyDepth } ?? false

            if let childDepth = childFunctionDepth, let index = childOwner, depth >= childDepth {
                if let (names, expression) = caseLine(line) {
                    for name in names { result[index].children?[name] = expression }
                } else if line.hasPrefix("default:") {
                    let rest = line.dropFirst("default:".count).trimmingCharacters(in: .whitespaces)
                    if rest.hasSuffix(".child(named: name)") {
                        result[index].delegate = String(rest.dropLast(".child(named: name)".count))
                    } else if let member = keyedLookup(rest) {
                        result[index].delegate = member
                    }
                }
            }

            if let declared = typeDeclaration(line) {
                let parentName = owner?.qualified
                let qualified = parentName.map { "\($0).\(declared.name)" } ?? declared.name
                if declared.isStruct {
                    result.append(ScannedStruct(name: declared.name, qualifiedName: qualified))
                    stack.append((true, result.count - 1, depth + 1, qualified))
                } else {
                    stack.append((false, nil, depth + 1, qualified))
                }
            } else if atStructBody, let owner, let index = owner.index {
                if line.contains("func child(named") {
                    result[index].children = [:]
                    // A one-line body: `func child(named name: String) -> Any? { errors[name] }`.
                    if let open = line.firstIndex(of: "{"), line.hasSuffix("}") {
                        let body = line[line.index(after: open)..<line.index(before: line.endIndex)]
                        result[index].delegate = keyedLookup(body.trimmingCharacters(in: .whitespaces))
                    }
                    childFunctionDepth = depth + 1
                    childOwner = index
                } else if let (name, type, isStored) = property(line) {
                    result[index].properties[name] = type
                    if isStored { result[index].storedProperties.append(name) }
                }
            } else if opens > 0, line.hasPrefix("extension ") || line.contains(" extension ") {
                stack.append((false, nil, depth + 1, ""))
            }

            depth += opens
            while let last = stack.last, depth < last.bodyDepth { stack.removeLast() }
            if let childDepth = childFunctionDepth, depth < childDepth { childFunctionDepth = nil; childOwner = nil }
        }
        return result
    }

    /// `member[name]` or `return member[name]`: the member's name.
    static func keyedLookup(_ text: String) -> String? {
        var text = Substring(text)
        if text.hasPrefix("return ") { text = text.dropFirst("return ".count) }
        guard text.hasSuffix("[name]") else { return nil }
        let member = text.dropLast("[name]".count)
        guard let first = member.first, first.isLetter || first == "_",
            member.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else { return nil }
        return String(member)
    }

    /// `struct Name`, `enum Name`, `final class Name`… opening a body on this line.
    static func typeDeclaration(_ line: String) -> (name: String, isStruct: Bool)? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "{" || $0 == "<" }).map(String.init)
        let modifiers: Set<String> = ["public", "private", "fileprivate", "internal", "final", "package", "indirect"]
        var index = 0
        while index < words.count, modifiers.contains(words[index]) { index += 1 }
        guard index + 1 < words.count, ["struct", "enum", "class", "actor", "protocol"].contains(words[index]),
              line.contains("{") else { return nil }
        return (words[index + 1], words[index] == "struct")
    }

    /// `var name: Type`, `let name: Type = …`, `var name: Type { … }`.
    static func property(_ line: String) -> (String, String, Bool)? {
        var rest = Substring(line)
        let modifiers = ["public ", "private(set) ", "public private(set) ", "internal ", "fileprivate ", "private ", "nonisolated "]
        var changed = true
        while changed {
            changed = false
            for modifier in modifiers where rest.hasPrefix(modifier) {
                if modifier == "private " || modifier == "fileprivate " { return nil }
                rest = rest.dropFirst(modifier.count)
                changed = true
            }
        }
        if rest.hasPrefix("static ") || rest.hasPrefix("lazy ") { return nil }
        guard rest.hasPrefix("var ") || rest.hasPrefix("let ") else { return nil }
        rest = rest.dropFirst(4)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let name = rest[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        var type = rest[rest.index(after: colon)...]
        var isStored = true
        if let brace = type.firstIndex(of: "{") { type = type[..<brace]; isStored = false }
        if let equals = type.firstIndex(of: "=") { type = type[..<equals] }
        let trimmed = type.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        return (name, trimmed, isStored)
    }

    /// `case "a": expression` or `case "a", "b": expression`.
    static func caseLine(_ line: String) -> ([String], String)? {
        guard line.hasPrefix("case \"") else { return nil }
        var names: [String] = []
        var rest = Substring(line.dropFirst("case ".count))
        while rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            names.append(String(rest[..<end]))
            rest = rest[rest.index(after: end)...].drop(while: { $0 == " " })
            if rest.hasPrefix(",") { rest = rest.dropFirst().drop(while: { $0 == " " }) }
        }
        guard rest.hasPrefix(":") else { return nil }
        let expression = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        guard !expression.isEmpty else { return nil }
        return (names, expression)
    }

    /// Net braces opened on a line, outside string literals.
    static func braceDelta(_ line: String) -> Int {
        var delta = 0
        var inString = false
        var escaped = false
        var interpolation = 0
        for character in line {
            if inString {
                if escaped { escaped = false; if character == "(" { interpolation += 1 }; continue }
                if character == "\\" { escaped = true; continue }
                if interpolation > 0 {
                    if character == "(" { interpolation += 1 } else if character == ")" { interpolation -= 1 }
                    continue
                }
                if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{": delta += 1
            case "}": delta -= 1
            default: break
            }
        }
        return delta
    }

    /// Removes `//` and `/* */` comments (outside string literals), keeping line breaks.
    static func stripComments(_ source: String) -> String {
        var output = ""
        output.reserveCapacity(source.count)
        var iterator = Array(source)
        var index = 0
        var inString = false
        var blockDepth = 0
        while index < iterator.count {
            let character = iterator[index]
            let next: Character? = index + 1 < iterator.count ? iterator[index + 1] : nil
            if blockDepth > 0 {
                if character == "*", next == "/" { blockDepth -= 1; index += 2; continue }
                if character == "/", next == "*" { blockDepth += 1; index += 2; continue }
                if character == "\n" { output.append("\n") }
                index += 1
                continue
            }
            if inString {
                output.append(character)
                if character == "\\", let next { output.append(next); index += 2; continue }
                if character == "\"" || character == "\n" { inString = false }
                index += 1
                continue
            }
            if character == "/", next == "/" {
                while index < iterator.count, iterator[index] != "\n" { index += 1 }
                continue
            }
            if character == "/", next == "*" { blockDepth = 1; index += 2; continue }
            if character == "\"", next == "\"", index + 2 < iterator.count, iterator[index + 2] == "\"" {
                // A multi-line string: its text is dropped (braces in SQL or JSON would count).
                output.append("\"\"")
                index += 3
                while index < iterator.count {
                    if iterator[index] == "\"", index + 2 < iterator.count, iterator[index + 1] == "\"", iterator[index + 2] == "\"" {
                        index += 3
                        break
                    }
                    if iterator[index] == "\n" { output.append("\n") }
                    index += 1
                }
                continue
            }
            if character == "\"" { inString = true }
            output.append(character)
            index += 1
        }
        iterator.removeAll()
        return output
    }
}
