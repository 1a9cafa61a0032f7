import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Accept: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract:
            "Make the file on disk an asset's image for its current inputs (a hand edit, or an existing image): no provider call.",
        discussion:
            "The file goes into the cache (the generated image stays there and in history), assets.lock and a commit whose note says it was accepted by hand; renditions and catalog files are made from it. --all adopts every output not made by generate-assets yet."
    )

    @OptionGroup var project: ProjectArguments

    @Argument(help: "The assets' ids.")
    var assets: [String] = []

    @Flag(help: "Accept every existing output that is not the tool's own image for its inputs.")
    var all = false

    @Flag(help: "Write assets.lock but make no git commit.")
    var noCommit = false

    @Flag(help: "Fail at once if another run holds the project, instead of waiting.")
    var noWait = false

    func validate() throws {
        guard all || !assets.isEmpty else { throw ValidationError("name the assets to accept, or pass --all") }
        guard !(all && !assets.isEmpty) else { throw ValidationError("give asset ids or --all, not both") }
    }

    func execute(_ terminal: Terminal) async throws {
        let report = try await ProjectContext.locked(
            options: project.projectOptions, wait: !noWait, reporter: ProgressPrinter(terminal: terminal)
        ) { context in
            try await HandEditAcceptor.accept(
                context: context, ids: assets, all: all, commit: !noCommit,
                reporter: ProgressPrinter(terminal: terminal))
        }
        terminal.printWarnings(report.git?.warnings ?? [])
        if project.json {
            terminal.out(try JSONText.encode(report))
            return
        }
        for item in report.accepted {
            terminal.out("accepted \(item.id) → \(item.output) (variant \(item.variant) of its current inputs)")
        }
        for item in report.skipped { terminal.out("skipped \(item.id): \(item.reason)") }
        var summary = "\(OutcomeStyle.count(report.accepted.count, "asset")) accepted, no provider call"
        if let commit = report.git?.commit { summary += "; committed \(commit.prefix(10))" }
        terminal.out(summary)
    }
}
