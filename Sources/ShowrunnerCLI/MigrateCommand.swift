import ArgumentParser
import Showrunner

/// `showrunner migrate`: applies pending migrations and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations and exit.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        do {
            _ = try openDatabase(configuration: configuration, logger: logger)
            print("Database is up to date: \(configuration.databasePath ?? "")")
        } catch let error as MigrationError {
            throw ValidationError(error.description)
        }
    }
}
