import ArgumentParser
import Foundation
import Showrunner

/// `showrunner apikey create …`: a Showrunner API key from the shell, printed once.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Manage Showrunner API keys.", subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API key acting as a member of an organisation; prints the secret once."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "The organisation's slug.")
        var org: String

        @Option(help: "Email of the member the key acts as.")
        var email: String

        @Option(help: "A name for the key, e.g. what uses it.")
        var name: String

        @Option(help: "owner, admin, manager, member or viewer; at most the member's role. Default: the member's role.")
        var role: String?

        @Flag(help: "Only reads: every write is refused.")
        var readOnly = false

        @Option(help: "Days until the key stops working. Default: never.")
        var expiresDays: Int?

        func run() async throws {
            let configuration = try common.configuration()
            let database = try openDatabase(configuration: configuration, logger: common.logger(configuration))
            do {
                let created = try await APIKeyAdmin.create(
                    database: database, organizationSlug: org, email: email, name: name, role: role, readOnly: readOnly,
                    expiresInDays: expiresDays
                )
                // The secret alone on stdout, so `KEY=$(showrunner apikey create …)` works; the rest on stderr.
                let expiry = created.expiresAt.map { " expiring \(ISO8601DateFormatter().string(from: $0))" } ?? ""
                FileHandle.standardError.write(Data(
                    "Created key '\(created.name)' for \(email) in \(created.organizationSlug): role \(created.role), \(created.readOnly ? "read only" : "read and write")\(expiry). The secret is shown once:\n".utf8
                ))
                print(created.secret)
            } catch let failure as APIKeyAdmin.Failure {
                throw ValidationError(failure.description)
            }
        }
    }
}
