import ArgumentParser
import AssetSupport
import Foundation
import GenerateAssetsCore

struct BatchWait: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract:
            "Poll until the batch jobs end, write their images and commit, then submit the next dependency level and go on until done.",
        discussion:
            "Exit codes: 0 all done; 1 an asset failed; \(BatchStillRunning.exitCode) --timeout passed while jobs still run (they keep running; run 'batch wait' again)."
    )

    @OptionGroup var project: ProjectArguments

    @Option(help: "Give up after this many seconds (default: wait as long as it takes).")
    var timeout: Double?

    @Flag(help: "Write outputs and assets.lock but make no git commit.")
    var noCommit = false

    @Flag(help: "Stop after applying the jobs that ended; submit no job for the next dependency level.")
    var noFollow = false

    func execute(_ terminal: Terminal) async throws {
        let interval = ProcessInfo.processInfo.environment["GENERATE_ASSETS_BATCH_POLL"].flatMap(Double.init) ?? 5
        let progress = ProgressPrinter(terminal: terminal)
        let options = project.projectOptions
        let result: BatchWaitResult
        do {
            result = try await ProjectContext.locked(options: options, reporter: progress) { context in
                try await BatchRunner.waitFollowing(
                    context, reload: { try ProjectContext(options: options, readOnly: false) }, follow: !noFollow,
                    timeout: timeout, interval: interval, commit: !noCommit, reporter: progress)
            }
        } catch let still as BatchStillRunning {
            terminal.err("\(still.message) (\(still.fix))")
            if project.json {
                terminal.out(
                    try JSONText.encode(
                        StillRunningReport(
                            stillRunning: true, batches: still.jobs, rounds: still.rounds,
                            exitCode: BatchStillRunning.exitCode)))
            }
            throw ExitCode(BatchStillRunning.exitCode)
        }
        var report = result.report
        report.rounds = result.rounds
        if project.json {
            terminal.out(try report.json())
        } else {
            ReportPrinter(terminal: terminal).print(report)
            terminal.err("batch wait: \(result.rounds) round\(result.rounds == 1 ? "" : "s") applied")
        }
        if report.hasFailures { throw ExitCode.failure }
    }
}

/// `batch wait --json` when the timeout passed with jobs still running.
private struct StillRunningReport: Encodable {
    var stillRunning: Bool
    var batches: [BatchSummary]
    var rounds: Int
    var exitCode: Int32

    enum CodingKeys: String, CodingKey {
        case batches, rounds
        case stillRunning = "still_running"
        case exitCode = "exit_code"
    }
}
