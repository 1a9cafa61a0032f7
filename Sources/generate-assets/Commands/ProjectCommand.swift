import ArgumentParser

/// The one shape of a subcommand: its options include the shared `ProjectArguments`, and its work runs in
/// `execute`, where errors that are values (`DiagnosticsError`, `UserFacingError`) become located messages
/// with their fix and the right exit code. Conformers write `execute`; `run` is the same for all.
protocol ProjectCommand: AsyncParsableCommand {
    var project: ProjectArguments { get }
    func execute(_ terminal: Terminal) async throws
}

extension ProjectCommand {
    func run() async throws {
        let terminal = project.terminal
        try await terminal.guarding { try await execute(terminal) }
    }
}
