import Foundation
import PackagePlugin

/// `swift package generate-assets …`: runs the `generate-assets` executable in the package's folder with the
/// arguments meant for it. All logic lives in the executable; the plugin only forwards and reports its exit.
@main
struct GenerateAssetsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "generate-assets")
        try ToolRun(executable: tool.url, folder: context.package.directoryURL).perform(PluginArguments(arguments))
    }
}
