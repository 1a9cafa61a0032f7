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
        // Cancelling applies the answers of a job that already finished: under the run lock, like any apply.
        let reporter = ProgressPrinter(terminal: terminal)
        let cancelled = try await ProjectContext.locked(options: project.projectOptions, reporter: reporter) {
            try await BatchRunner.cancel($0, name: name, reporter: reporter)
        }
        if project.json {
            terminal.out(try JSONText.encode(["batches": cancelled]))
            return
        }
        if cancelled.isEmpty { terminal.out("no unfinished batch jobs") }
        for job in cancelled { terminal.out(BatchList.line(job)) }
        BatchList.printApplied(cancelled, terminal)
    }
}
