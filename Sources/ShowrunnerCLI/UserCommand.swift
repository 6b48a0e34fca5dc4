import ArgumentParser
import Foundation
import Showrunner

/// `showrunner user …`: account administration from the shell.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [CreateAdmin.self, SetPassword.self]
    )

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract: "Create a user who owns an organisation (new, or an existing one by slug)."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "The new user's email address.")
        var email: String

        @Option(help: "Slug of an existing organisation, or the name of a new one.")
        var org: String

        @Option(help: "Display name. Default: the part of the email before @.")
        var name: String?

        func run() async throws {
            let configuration = try common.configuration()
            let logger = common.logger(configuration)
            let database = try openDatabase(configuration: configuration, logger: logger)
            // A password from the environment (for scripts), else a generated one printed once.
            let given = Environment.values["SHOWRUNNER_ADMIN_PASSWORD"]
            let password = given ?? Self.generatedPassword()
            do {
                let created = try await AdminTasks.createAdmin(
                    database: database, email: email, displayName: name, password: password, organization: org,
                    bcryptCost: configuration.bcryptCost
                )
                let verb = created.createdOrganization ? "created" : "joined"
                print("User \(created.user.email) \(verb) organisation '\(created.organization.name)' (/o/\(created.organization.slug)) as owner.")
                if given == nil { print("Password (shown once): \(password)") }
            } catch let failure as AdminTasks.Failure {
                throw ValidationError(failure.description)
            }
        }

        static func generatedPassword() -> String {
            let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password", abstract: "Set a user's password and end all of their sessions."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "The user's email address.")
        var email: String

        func run() async throws {
            let configuration = try common.configuration()
            let database = try openDatabase(configuration: configuration, logger: common.logger(configuration))
            let given = Environment.values["SHOWRUNNER_ADMIN_PASSWORD"]
            let password = given ?? CreateAdmin.generatedPassword()
            do {
                try await AdminTasks.setPassword(database: database, email: email, password: password, bcryptCost: configuration.bcryptCost)
            } catch let failure as AdminTasks.Failure {
                throw ValidationError(failure.description)
            }
            Console.line("Password of \(email) changed; their sessions have ended.")
            if given == nil { Console.line("New password (shown once): \(password)") }
        }
    }
}
