import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Show: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the provenance of an asset's committed version: prompt, references, model, cost.")

    @OptionGroup var project: ProjectArguments

    @Argument(help: "An asset id or an output path.")
    var asset: String

    @Option(help: "The revision to look at (default: HEAD).")
    var rev = "HEAD"

    func execute(_ terminal: Terminal) async throws {
        let history = try HistoryReader.show(options: project.projectOptions, target: asset, revision: rev)
        if project.json {
            terminal.out(try JSONText.encode(history))
            return
        }
        ProvenancePrinter(terminal: terminal).show(history)
    }
}
