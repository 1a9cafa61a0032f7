import ArgumentParser
import GenerateAssetsCore

/// The `generate-assets` executable: argument parsing and printing only; the work is in GenerateAssetsCore.
@main
struct GenerateAssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-assets",
        abstract: "Generate the images declared in assets.yml: cached, incremental, with provenance.",
        version: ToolVersion.current,
        subcommands: [Generate.self, Status.self, Validate.self, Show.self, Log.self, Usage.self, BatchCommand.self, CacheCommand.self, Init.self],
        defaultSubcommand: Generate.self
    )
}
