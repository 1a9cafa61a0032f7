import ArgumentParser
import Foundation
import GenerateAssetsCore

struct BatchWait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Poll until every batch job has ended, then write their images and commit.")

    @OptionGroup var project: ProjectArguments

    @Option(help: "Give up after this many seconds (default: wait as long as it takes).")
    var timeout: Double?

    @Flag(help: "Write outputs and assets.lock but make no git commit.")
    var noCommit = false

    func run() async throws {
        let terminal = project.terminal
        try await terminal.guarding {
            var lock: ProjectLock?
            let context = try ProjectContext(options: project.projectOptions, readOnly: false) { root in
                lock = try ProjectLock(projectRoot: root, wait: true) { terminal.note($0) }
            }
            let interval = ProcessInfo.processInfo.environment["GENERATE_ASSETS_BATCH_POLL"].flatMap(Double.init) ?? 5
            let report = try await BatchRunner.wait(context, timeout: timeout, interval: interval, commit: !noCommit, reporter: ProgressPrinter(terminal: terminal))
            withExtendedLifetime(lock) {}
            if project.json { terminal.out(try report.json()) } else { ReportPrinter(terminal: terminal).print(report) }
            if report.hasFailures { throw ExitCode.failure }
        }
    }
}
