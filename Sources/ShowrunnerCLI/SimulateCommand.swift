import ArgumentParser

/// `showrunner simulate`: runs the memories.ai simulator on its own port.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the built-in memories.ai screenplay API simulator."
    )

    func run() async throws {
        print("simulator: not implemented yet")
    }
}
