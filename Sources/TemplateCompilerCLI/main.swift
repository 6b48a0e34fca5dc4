import Foundation
import TemplateCompiler

// `showrunner-templates [--check] [package root]`: writes the compiled templates, or with
// --check only says whether the file on disk is current (exit status 1 when not).
var arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.contains("--check")
arguments.removeAll { $0 == "--check" }
let root = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath, isDirectory: true)
let output = root.appendingPathComponent(TemplateCompiler.outputPath)
do {
    let generated = try TemplateCompiler.generate(root: root)
    let existing = try? String(contentsOf: output, encoding: .utf8)
    if check {
        if existing == generated {
            print("compiled templates are current")
        } else {
            print("compiled templates are out of date: run `make templates`")
            exit(1)
        }
    } else if existing != generated {
        try generated.write(to: output, atomically: true, encoding: .utf8)
        print("wrote \(TemplateCompiler.outputPath)")
    } else {
        print("\(TemplateCompiler.outputPath) is current")
    }
} catch {
    FileHandle.standardError.write(Data("showrunner-templates: \(error)\n".utf8))
    exit(1)
}
