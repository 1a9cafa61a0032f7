#if canImport(XcodeProjectPlugin)
    import Foundation
    import PackagePlugin
    import XcodeProjectPlugin

    /// The same command from an Xcode project (File ▸ Packages, or the project's context menu): the tool runs in the
    /// folder of the `.xcodeproj`, where it finds `assets.yml` in that folder or the nearest one above it.
    extension GenerateAssetsPlugin: XcodeCommandPlugin {
        func performCommand(context: XcodePluginContext, arguments: [String]) throws {
            let tool = try context.tool(named: "generate-assets")
            try ToolRun(executable: tool.url, folder: context.xcodeProject.directoryURL).perform(
                PluginArguments(arguments))
        }
    }
#endif
