import ArgumentParser

/// Command-line errors under `--json`. ArgumentParser finds them before any command runs, so `--json` is
/// looked for in the arguments themselves (before a `--`), and the subcommand by its name.
enum UsageFailure {
    /// Prints a `FailureReport` for a parse error when the arguments ask for JSON; help and version requests
    /// (exit 0) print nothing.
    static func print(_ error: any Error, arguments: [String]) {
        let exitCode = GenerateAssetsCommand.exitCode(for: error)
        guard !exitCode.isSuccess, arguments.prefix(while: { $0 != "--" }).contains("--json") else { return }
        let report = FailureReport(
            usage: GenerateAssetsCommand.message(for: error), exitCode: exitCode, command: command(in: arguments))
        Terminal(color: .never, json: true).printFailure(report)
    }

    /// The names of the command and the subcommands among `arguments`: `generate-assets cache gc`.
    static func command(in arguments: [String]) -> [String] {
        var type: any ParsableCommand.Type = GenerateAssetsCommand.self
        var names = [GenerateAssetsCommand.configuration.commandName ?? "generate-assets"]
        for argument in arguments.prefix(while: { $0 != "--" }) {
            guard let next = type.configuration.subcommands.first(where: { $0.configuration.commandName == argument })
            else { continue }
            type = next
            names.append(argument)
        }
        return names
    }
}
