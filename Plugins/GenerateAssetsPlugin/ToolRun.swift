import Foundation
import PackagePlugin

/// Runs `generate-assets` in a folder and reports how it ended.
///
/// The tool prints its own results and errors, which say what went wrong and how to fix it; the plugin
/// only adds the exit code, whatever it means.
struct ToolRun {
    let executable: URL
    let folder: URL

    func perform(_ arguments: PluginArguments) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments.forwarded
        process.currentDirectoryURL = folder
        // Under a plugin the tool has no terminal, so it asks nothing; it must not read the plugin's input.
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0):
            if arguments.asksForHelp { print(Self.helpFooter) }
        case (.exit, let status):
            throw ToolFailure.exited(status)
        case (_, let signal):
            throw ToolFailure.killed(signal)
        }
    }

    /// Printed after the tool's own help: what belongs to `swift package` rather than to the tool.
    static let helpFooter = """

        PLUGIN:
          swift package [SWIFTPM FLAGS] generate-assets [OPTIONS] [SUBCOMMAND] runs the tool above in the package's
          folder. The plugin declares two permissions, and SwiftPM asks for both on every run; without a terminal
          (CI) give both flags, before the verb:
            --allow-writing-to-package-directory --allow-network-connections all:443
        """
}

/// How the tool ended, when not with success.
enum ToolFailure: Error, CustomStringConvertible {
    case exited(Int32)
    case killed(Int32)

    var description: String {
        switch self {
        case .exited(let status): "generate-assets exited with code \(status)"
        case .killed(let signal): "generate-assets was stopped by signal \(signal)"
        }
    }
}
