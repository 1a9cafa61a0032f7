import ArgumentParser

/// `--only`, shared by `generate` and `status`.
///
/// It stays after the subcommand: it takes several values, so before the subcommand it would take the
/// subcommand's name as an asset id.
struct SelectionArguments: ParsableArguments {
    @Option(parsing: .upToNextOption, help: "Only these asset ids, plus what they depend on.")
    var only: [String] = []
}
