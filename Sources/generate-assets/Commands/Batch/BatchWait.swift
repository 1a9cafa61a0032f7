import ArgumentParser
import Foundation
import GenerateAssetsCore

struct BatchWait: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Poll until every batch job has ended, then write their images and commit.")

    @OptionGroup var project: ProjectArguments

    @Option(help: "Give up after this many seconds (default: wait as long as it takes).")
    var timeout: Double?

    @Flag(help: "Write outputs and assets.lock but make no git commit.")
    var noCommit = false

    func execute(_ terminal: Terminal) async throws {
        let interval = ProcessInfo.processInfo.environment["GENERATE_ASSETS_BATCH_POLL"].flatMap(Double.init) ?? 5
        let progress = ProgressPrinter(terminal: terminal)
        let report = try await ProjectContext.locked(options: project.projectOptions, reporter: progress) { context in
            try await BatchRunner.wait(
                context, timeout: timeout, interval: interval, commit: !noCommit, reporter: progress)
        }
        if project.json { terminal.out(try report.json()) } else { ReportPrinter(terminal: terminal).print(report) }
        if report.hasFailures { throw ExitCode.failure }
    }
}
