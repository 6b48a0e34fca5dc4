import ArgumentParser
import Foundation
import Logging
import Showrunner

/// Flags shared by every command that touches the database. Each falls back to an
/// environment variable, then to the default in README.md's configuration table.
struct CommonOptions: ParsableArguments {
    @Option(help: "Folder holding Templates/, Public/ and Migrations/. Env: SHOWRUNNER_ROOT. Default: current folder.")
    var root: String?

    @Option(help: "Folder for the SQLite database and downloads. Env: SHOWRUNNER_DATA_DIR. Default: ./data")
    var dataDir: String?

    @Option(help: "SQLite file. Env: SHOWRUNNER_DATABASE. Default: <data-dir>/showrunner.sqlite")
    var database: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical. Env: SHOWRUNNER_LOG_LEVEL. Default: info")
    var logLevel: String?

    @Option(help: "Log lines as text or json (one object per line). Env: SHOWRUNNER_LOG_FORMAT. Default: text")
    var logFormat: String?

    /// The folder holding Templates/, Public/ and Migrations/ for commands without the common
    /// options (the hidden benchmarks): `--root`, else SHOWRUNNER_ROOT, else the current folder.
    static func packageRoot(_ root: String?) -> URL {
        URL(fileURLWithPath: root ?? Environment.values["SHOWRUNNER_ROOT"] ?? FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    func configuration() throws -> AppConfiguration {
        let env = Environment.values
        var configuration = AppConfiguration()
        if let root = root ?? env["SHOWRUNNER_ROOT"] {
            configuration.rootDirectory = URL(fileURLWithPath: root, isDirectory: true)
        }
        if let dataDir = dataDir ?? env["SHOWRUNNER_DATA_DIR"] {
            configuration.dataDirectory = URL(fileURLWithPath: dataDir, isDirectory: true)
        }
        configuration.databasePath = database ?? env["SHOWRUNNER_DATABASE"]
            ?? AppConfiguration.defaultDatabasePath(in: configuration.dataDirectory)
        if let level = logLevel ?? env["SHOWRUNNER_LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ValidationError("Unknown log level '\(level)'.")
            }
            configuration.logLevel = parsed
        }
        return configuration
    }

    /// Sets up logging for the process (once: each command calls this once) and returns its logger.
    func logger(_ configuration: AppConfiguration) -> Logger {
        let text = (logFormat ?? Environment.values["SHOWRUNNER_LOG_FORMAT"] ?? "text").lowercased()
        let format = ShowrunnerLogHandler.Format(rawValue: text) ?? .text
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = ShowrunnerLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        if ShowrunnerLogHandler.Format(rawValue: text) == nil {
            Logger(label: "showrunner").warning("unknown log format; using text", metadata: ["format": "\(text)"])
        }
        var logger = Logger(label: "showrunner")
        logger.logLevel = level
        return logger
    }
}

enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    static func bool(_ name: String) throws -> Bool? {
        guard let value = values[name]?.lowercased() else { return nil }
        switch value {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw ValidationError("\(name) must be true or false, not '\(value)'.")
        }
    }
}

/// Writes straight to standard output, unbuffered, so banners appear at once even when the
/// output goes to a file or a pipe (where `print` would hold them back).
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// A failure of the operation itself (not of the command line): printed as `Error: …`,
/// without the usage text, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
