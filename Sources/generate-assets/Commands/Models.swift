import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Models: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models the service offers now, and where each model of the manifest stands (free).")

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let report = try await ModelsRunner.report(options: project.projectOptions)
        if project.json { return terminal.out(try JSONText.encode(report)) }
        terminal.out("the manifest's models:")
        for used in report.manifest {
            let line = "  \(used.id): \(used.summary)"
            let bad = !used.offered || used.pastShutdown || used.deprecatedOn != nil
            terminal.out(bad ? terminal.paint(line, .yellow) : line)
        }
        terminal.out("offered by the service (\(report.offered.count), image models first):")
        for model in report.offered {
            terminal.out("  \(model.id)\(model.image ? "  (image)" : "")\(model.displayName.map { "  \($0)" } ?? "")")
        }
    }
}
