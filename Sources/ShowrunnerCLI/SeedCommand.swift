import ArgumentParser
import Foundation
import Showrunner

/// `showrunner seed --demo`: a populated demo organisation (3 projects, 12 dramas, 642 episodes).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Load demo data: a Demo Studio organisation with projects, dramas and episodes."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Create the demo organisation and its owner demo@showrunner.local.")
    var demo = false

    func run() async throws {
        guard demo else { throw ValidationError("Say what to seed: --demo.") }
        let configuration = try common.configuration()
        let database = try openDatabase(configuration: configuration, logger: common.logger(configuration))
        do {
            try await DemoSeeding.seed(database: database, configuration: configuration)
        } catch let failure as DemoSeed.Failure {
            throw ValidationError(failure.description)
        }
    }
}

/// Shared by `seed --demo` and `serve --seed-demo-if-empty`.
enum DemoSeeding {
    static func seed(database: AppDatabase, configuration: AppConfiguration) async throws {
        let given = Environment.values["SHOWRUNNER_DEMO_PASSWORD"]
        let password = given ?? UserCommand.CreateAdmin.generatedPassword()
        let hash = try await PasswordHasher(cost: configuration.bcryptCost).hash(password)
        let result = try await DemoSeed.run(database: database, passwordHash: hash)
        Console.line("Demo data: \(result.projects) projects, \(result.dramas) dramas, \(result.episodes) episodes in /o/\(result.organizationSlug).")
        if result.createdUser {
            Console.line("Log in as \(DemoSeed.email) with password \(given == nil ? password : "(from SHOWRUNNER_DEMO_PASSWORD)")")
        } else {
            Console.line("Log in as \(DemoSeed.email) with its existing password.")
        }
    }
}
