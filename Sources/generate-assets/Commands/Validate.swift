import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct ValidationSummary: Encodable {
    var valid: Bool
    var assets: Int
    var diagnostics: [Diagnostic]
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check the manifest and its references; write nothing.")

    @OptionGroup var project: ProjectArguments

    func run() async throws {
        let terminal = project.terminal
        try await terminal.guarding {
            let loaded = try ProjectContext.validate(project.projectOptions)
            terminal.printWarnings(loaded.warnings)
            if project.json {
                terminal.out(try JSONText.encode(ValidationSummary(valid: true, assets: loaded.assets.count, diagnostics: loaded.warnings)))
            } else {
                terminal.out("\(loaded.manifestPath): \(loaded.assets.count) assets, no errors")
            }
        }
    }
}
