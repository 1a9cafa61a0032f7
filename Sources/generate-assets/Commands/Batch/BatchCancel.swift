import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct BatchCancel: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a batch job (default: every unfinished one).")

    @OptionGroup var project: ProjectArguments

    @Argument(help: "The job's name (batches/…) or display name.")
    var name: String?

    func execute(_ terminal: Terminal) async throws {
        let context = try ProjectContext(options: project.projectOptions, readOnly: false)
        let cancelled = try await BatchRunner.cancel(context, name: name, reporter: ProgressPrinter(terminal: terminal))
        if project.json {
            terminal.out(try JSONText.encode(["batches": cancelled]))
            return
        }
        if cancelled.isEmpty { terminal.out("no unfinished batch jobs") }
        for job in cancelled { terminal.out(BatchList.line(job)) }
    }
}
