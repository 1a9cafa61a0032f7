import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Status: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what is fresh and what is stale, and why, without acting.",
        discussion:
            "Exit codes: 0 all fresh (or --check not given), 1 stale with --check (or placeholders with --no-placeholders), 2 invalid manifest."
    )

    @OptionGroup var project: ProjectArguments

    @OptionGroup var selection: SelectionArguments

    @Flag(help: "Exit with code 1 when any asset is stale.")
    var check = false

    @Flag(help: "Exit with code 1 when any output is a placeholder (a release check).")
    var noPlaceholders = false

    func execute(_ terminal: Terminal) async throws {
        let outcome = try StatusRunner.run(options: project.projectOptions, only: selection.only)
        KeptUntilExit.keep(outcome)
        if project.json {
            terminal.out(try outcome.json())
        } else {
            let report = try outcome.report()
            terminal.printWarnings(report.warnings)
            ReportPrinter(terminal: terminal).print(report)
        }
        Trace.mark("printed")
        if check, outcome.hasStale {
            let stale = try outcome.report().assets.filter { $0.state == .stale && !$0.isKept }.map(\.id)
            terminal.error(
                "\(OutcomeStyle.count(stale.count, "asset")) stale: \(Listing.first(10, of: stale))",
                fix: "run 'generate-assets' to bring them up to date; 'generate-assets status' says why each is stale")
            throw ExitCode.failure
        }
        if noPlaceholders, case let placeholders = outcome.placeholders(), !placeholders.isEmpty {
            terminal.error(
                "\(OutcomeStyle.count(placeholders.count, "placeholder")) present: \(Listing.first(10, of: placeholders))",
                fix: "generate them with a real provider: generate-assets --provider gemini --force --only "
                    + placeholders.prefix(10).joined(separator: " "))
            throw ExitCode.failure
        }
    }
}
