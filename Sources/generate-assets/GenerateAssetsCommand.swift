import ArgumentParser
import AssetSupport
import GenerateAssetsCore

/// The `generate-assets` executable: argument parsing and printing only; the work is in GenerateAssetsCore.
///
/// The shared options are declared here as well as in each subcommand: ArgumentParser decodes them once, at
/// this level, wherever they stand on the command line (before or after the subcommand), and hands the same
/// value to the subcommand's `@OptionGroup` of the same type, which also lists them in its help.
@main
struct GenerateAssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-assets",
        abstract: "Generate the images declared in assets.yml: cached, incremental, with provenance.",
        discussion:
            "The shared options may stand before or after the subcommand: 'generate-assets --provider placeholder status --check'.",
        version: ToolVersion.current,
        subcommands: [
            Generate.self, Status.self, Pick.self, Accept.self, Report.self, Validate.self, Show.self, Log.self,
            Usage.self, BatchCommand.self, CacheCommand.self, MergeAnswers.self, Models.self, Doctor.self, Init.self,
        ],
        defaultSubcommand: Generate.self
    )

    @OptionGroup var project: ProjectArguments

    /// ArgumentParser's `main`, but a command-line error (exit 64) given `--json` prints a `FailureReport`
    /// on stdout before ArgumentParser prints its message on stderr and exits.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot()
        } catch {
            UsageFailure.print(error, arguments: Array(CommandLine.arguments.dropFirst()))
            exit(withError: error)
        }
        do {
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
