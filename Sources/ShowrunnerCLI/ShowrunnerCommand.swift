import ArgumentParser

/// Entry point of the `showrunner` executable: parses flags and environment variables and
/// hands plain configuration values to the `Showrunner` library.
@main
struct ShowrunnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showrunner",
        abstract: "Showrunner: screenplay extraction dashboard for short-drama teams.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, BackupCommand.self, RestoreCommand.self, GCCommand.self, UserCommand.self, APIKeyCommand.self, SeedCommand.self, SimulateCommand.self,
            BenchIngestCommand.self, BenchPagesCommand.self, BenchSearchCommand.self, BenchStoryboardCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
