import ArgumentParser
import AssetSupport
import GenerateAssetsCore

/// The one object a command run with `--json` prints on stdout when it fails before printing its own, so a
/// script always has one object to read: `{"error": {"kind", "message", "fix"}, "exit_code", "diagnostics"}`.
/// The text on stderr stays as it is without `--json`.
struct FailureReport: Encodable {
    /// A failure's kind: an asset failure's kinds (`AssetFailure.Kind`) and two only a whole command has.
    enum Kind: Encodable, Equatable {
        case asset(AssetFailure.Kind)
        case command(CommandKind)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .asset(let kind): try container.encode(kind)
            case .command(let kind): try container.encode(kind)
            }
        }
    }

    enum CommandKind: String, Encodable {
        /// The manifest is invalid (exit 2); `diagnostics` holds every problem found.
        case manifest
        /// The command line is wrong (exit 64): an unknown option, a missing or bad value.
        case usage
        /// Ctrl-C or SIGTERM stopped the run (exit 130, 143); what it had made is kept.
        case interrupted
    }

    struct Failure: Encodable {
        var kind: Kind
        var message: String
        var fix: String?
    }

    var error: Failure
    var exitCode: Int32
    /// Every diagnostic of an invalid manifest, encoded as `validate --json` encodes them.
    var diagnostics: [Diagnostic]?

    enum CodingKeys: String, CodingKey {
        case error
        case exitCode = "exit_code"
        case diagnostics
    }

    /// An invalid manifest: exit 2, with the summary line stderr ends with.
    init(manifest diagnostics: [Diagnostic]) {
        error = Failure(
            kind: .command(.manifest),
            message: "\(OutcomeStyle.count(diagnostics.errors.count, "error")); nothing was written",
            fix: "correct the manifest as each diagnostic says; 'generate-assets validate' checks it")
        exitCode = 2
        self.diagnostics = diagnostics
    }

    /// Any other failure of a command, classified as an asset's would be: exit 1.
    init(_ failure: AssetFailure) {
        error = Failure(kind: .asset(failure.kind), message: failure.message, fix: failure.fix)
        exitCode = ExitCode.failure.rawValue
    }

    /// A run stopped by a signal: the shell's exit code for it.
    init(interrupted message: String, signal: Int32) {
        error = Failure(kind: .command(.interrupted), message: message, fix: "run the same command again to finish")
        exitCode = 128 + signal
    }

    /// A command-line error that ArgumentParser found, with the help of the subcommand it was meant for.
    init(usage message: String, exitCode: ExitCode, command: [String]) {
        error = Failure(
            kind: .command(.usage), message: message,
            fix: "see '\(command.joined(separator: " ")) --help' for the options and arguments")
        self.exitCode = exitCode.rawValue
    }
}
