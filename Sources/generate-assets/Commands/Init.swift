import ArgumentParser
import GenerateAssetsCore

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a commented assets.yml to start from.")

    @Argument(help: "The folder (default: the current directory).")
    var directory = "."

    func run() async throws {
        let terminal = Terminal(color: .auto)
        try await terminal.guarding {
            let path = try InitTemplate.write(into: directory)
            terminal.out("created \(path); run 'generate-assets status' to see the plan")
        }
    }
}
