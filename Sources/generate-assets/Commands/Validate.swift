import ArgumentParser
import AssetManifest
import AssetSupport
import GenerateAssetsCore

struct ValidationSummary: Encodable {
    var valid: Bool
    var assets: Int
    var diagnostics: [Diagnostic]
}

struct Validate: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check the manifest and its references; write nothing.")

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let loaded = try ProjectContext.validate(project.projectOptions)
        terminal.printWarnings(loaded.warnings)
        if project.json {
            terminal.out(
                try JSONText.encode(
                    ValidationSummary(valid: true, assets: loaded.assets.count, diagnostics: loaded.warnings)))
        } else {
            terminal.out("\(loaded.manifestPath): \(loaded.assets.count) assets, no errors")
        }
    }
}
