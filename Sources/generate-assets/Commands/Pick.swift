import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Pick: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick",
        abstract:
            "Make variant K of an asset its output: from the cache or git (no provider call), recorded in assets.lock and committed.",
        discussion:
            "Variants come from 'variants: N' on an asset, 'generate --variants N' and each 'generate --force'; 'report' shows them side by side."
    )

    @OptionGroup var project: ProjectArguments

    @Argument(help: "The asset's id.")
    var asset: String

    @Argument(help: "The variant's number (1 is the first made).")
    var variant: Int

    @Flag(help: "Write the output and assets.lock but make no git commit.")
    var noCommit = false

    @Flag(help: "Fail at once if another run holds the project, instead of waiting.")
    var noWait = false

    func validate() throws {
        guard variant >= 1 else { throw ValidationError("the variant number starts at 1") }
    }

    func execute(_ terminal: Terminal) async throws {
        let report = try await ProjectContext.locked(
            options: project.projectOptions, wait: !noWait, reporter: ProgressPrinter(terminal: terminal)
        ) { context in
            try await VariantPicker.pick(context: context, id: asset, variant: variant, commit: !noCommit)
        }
        terminal.printWarnings(report.git?.warnings ?? [])
        if project.json {
            terminal.out(try JSONText.encode(report))
            return
        }
        var line =
            report.changed
            ? "picked variant \(report.picked) of \(report.variants) for \(report.id) → \(report.output)"
            : "variant \(report.picked) of \(report.variants) already is \(report.id)'s output (\(report.output))"
        if let commit = report.git?.commit { line += "; committed \(commit.prefix(10))" }
        terminal.out(line)
        if report.changed, !report.dependents.isEmpty {
            terminal.note(
                "\(report.dependents.joined(separator: ", ")) \(report.dependents.count == 1 ? "uses" : "use") this image and \(report.dependents.count == 1 ? "is" : "are") now stale; run 'generate-assets' to update \(report.dependents.count == 1 ? "it" : "them")"
            )
        }
    }
}
