import Foundation
import PackagePlugin

/// `swift package generate-assets …`: runs the `generate-assets` executable in the package's folder with
/// the same arguments. All logic lives in the executable; this only forwards and reports failure.
@main
struct GenerateAssetsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "generate-assets")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ForwardedArguments.strip(arguments)
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let status = process.terminationStatus
            let meaning = status == 2 ? "assets.yml has errors (listed above)" : "see the messages above"
            Diagnostics.error("generate-assets failed with exit code \(status): \(meaning)")
            throw PluginFailure(status: status)
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "generate-assets exited with code \(status)" }
}

/// Drops SwiftPM's own permission and selection flags, which are not the tool's.
enum ForwardedArguments {
    static let flags: Set = ["--allow-writing-to-package-directory", "--disable-sandbox", "--allow-writing-to-directory"]
    static let flagsWithValue: Set = ["--allow-network-connections", "--target", "--product", "--allow-writing-to-directory"]

    static func strip(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flagsWithValue.contains(name) {
                skipNext = !argument.contains("=")
                continue
            }
            if flags.contains(name) { continue }
            result.append(argument)
        }
        return result
    }
}
