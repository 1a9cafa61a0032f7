import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Log: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List every committed version of an asset, newest first, with what changed.")

    @OptionGroup var project: ProjectArguments

    @Argument(help: "An asset id or an output path.")
    var asset: String

    @Option(name: [.customShort("n"), .long], help: "At most this many versions.")
    var limit = 10_000

    func execute(_ terminal: Terminal) async throws {
        let history = try HistoryReader.log(options: project.projectOptions, target: asset, limit: limit)
        if project.json {
            terminal.out(try JSONText.encode(history))
            return
        }
        ProvenancePrinter(terminal: terminal).log(history)
    }
}
