import ArgumentParser
import GenerateAssetsCore

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring outputs up to date: restore cached images, generate the rest (the default command)."
    )

    @OptionGroup var project: ProjectArguments

    @Option(parsing: .upToNextOption, help: "Only these asset ids, plus what they depend on.")
    var only: [String] = []

    @Flag(help: "Rebuild the selected assets even when fresh, and overwrite outputs edited by hand.")
    var force = false

    @Flag(help: "Print the plan and write nothing.")
    var dryRun = false

    @Option(help: "How many assets to work on at once.")
    var jobs = 4

    @Flag(help: "Fail at once if another run holds the project, instead of waiting.")
    var noWait = false

    func validate() throws {
        guard jobs >= 1, jobs <= 64 else { throw ValidationError("--jobs must be between 1 and 64") }
    }

    func run() async throws {
        let terminal = project.terminal
        try await terminal.guarding {
            var lock: ProjectLock?
            let context = try ProjectContext(options: project.projectOptions, readOnly: dryRun) { root in
                if !dryRun { lock = try ProjectLock(projectRoot: root, wait: !noWait) { terminal.note($0) } }
            }
            terminal.printWarnings(context.project.warnings)
            let options = GenerateOptions(only: only, force: force, dryRun: dryRun, jobs: jobs)
            let report = try await GenerateEngine(context: context, options: options, reporter: ProgressPrinter(terminal: terminal)).run()
            withExtendedLifetime(lock) {}
            if project.json { terminal.out(try report.json()) } else { ReportPrinter(terminal: terminal).print(report) }
            if report.hasFailures { throw ExitCode.failure }
        }
    }
}
