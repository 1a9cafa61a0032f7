import ArgumentParser
import AssetManifest
import Foundation
import GenerateAssetsCore

struct Generate: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Bring outputs up to date: restore cached images, generate the rest (the default command)."
    )

    @OptionGroup var project: ProjectArguments

    @OptionGroup var selection: SelectionArguments

    @Flag(
        help:
            "Make one new image (a re-roll) for each selected asset, even when fresh: the next variant, written as the output; earlier variants stay in the cache. Also overwrites outputs edited by hand."
    )
    var force = false

    @Option(
        help:
            "Make this many variants of each selected asset (instead of each asset's 'variants:'), to choose from with 'pick'."
    )
    var variants: Int?

    @Flag(help: "Regenerate frozen assets too.")
    var includeFrozen = false

    @Flag(help: "Write the review page (as 'report' does) after the run.")
    var report = false

    @Flag(help: "Print the plan and write nothing.")
    var dryRun = false

    @Option(help: "How many assets to work on at once.")
    var jobs = 4

    @Flag(help: "Fail at once if another run holds the project, instead of waiting.")
    var noWait = false

    @Flag(help: "Write outputs and assets.lock but make no git commit.")
    var noCommit = false

    @Flag(
        help:
            "With --provider placeholder, put placeholders over real images too (by default they are kept); the run makes no commit."
    )
    var replaceRealImages = false

    @Flag(
        help:
            "Put assets.yml into the same commit as the images it made (also 'git: {commit_manifest: true}' in the manifest)."
    )
    var commitManifest = false

    @Flag(
        help:
            "Submit the assets that need a call as Batch API jobs (half price, within 24 h) and return; a later run applies them."
    )
    var batch = false

    @Flag(help: "Cancel the unfinished batch jobs of the selected assets first, so this run can make them.")
    var cancelBatch = false

    @Flag(name: [.customShort("y"), .long], help: "Spend money without asking (required without a terminal).")
    var yes = false

    @Option(
        help:
            "Refuse a plan estimated above this many USD; start a call only while spend, calls in flight and it stay within it."
    )
    var maxCost: Double?

    @Option(help: "Start at most this many provider calls per minute.")
    var rpm = 0

    @Option(
        help:
            "Seconds to wait for one answer (default by model and size: 180 s for Flash at 1K up to 600 s for 3 Pro at 4K)."
    )
    var requestTimeout: Double?

    @Option(help: "Attempts per provider call, retries included (default 5).")
    var maxAttempts: Int?

    func validate() throws {
        guard jobs >= 1, jobs <= 64 else { throw ValidationError("--jobs must be between 1 and 64") }
        guard rpm >= 0 else { throw ValidationError("--rpm must be 0 (no limit) or more") }
        if let maxCost, maxCost < 0 { throw ValidationError("--max-cost must not be negative") }
        if let maxAttempts, maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if let requestTimeout, requestTimeout <= 0 { throw ValidationError("--request-timeout must be positive") }
        if let variants, !(1...GenerateOptions.maxVariants).contains(variants) {
            throw ValidationError("--variants must be between 1 and \(GenerateOptions.maxVariants)")
        }
    }

    func execute(_ terminal: Terminal) async throws {
        var options = project.projectOptions
        options.requestsPerMinute = rpm
        options.requestTimeout = requestTimeout
        options.maxAttempts = maxAttempts
        var settings = GenerateOptions(
            only: selection.only, force: force, dryRun: dryRun, jobs: jobs, maxCost: maxCost, commit: !noCommit)
        settings.batch = batch
        settings.commitManifest = commitManifest
        settings.replaceRealImages = replaceRealImages
        settings.cancelBatch = cancelBatch
        settings.variants = variants
        settings.includeFrozen = includeFrozen
        let progress = ProgressPrinter(terminal: terminal)
        let trap = InterruptTrap()
        var report = try await ProjectContext.locked(
            options: options, readOnly: dryRun, wait: !noWait, reporter: progress
        ) { context in
            terminal.printWarnings(context.project.warnings)
            let engine = GenerateEngine(context: context, options: settings, reporter: progress)
            trap.onInterrupt { signal in
                let message = Self.interrupted(engine.recordInterruption())
                terminal.note(message)
                terminal.printFailure(FailureReport(interrupted: message, signal: signal))
            }
            return try await engine.run { estimate in
                yes || terminal.confirm(String(format: "Generate new images for about $%.3f?", estimate))
            }
        }
        if self.report, !dryRun {
            let review = try ReviewRunner.write(options: options, review: ReviewOptions())
            report.reviewPage = review.page
            terminal.note("\(ReviewSummary.line(review)): \(review.page)")
        }
        terminal.printWarnings(report.git?.warnings ?? [])
        if project.json { terminal.out(try report.json()) } else { ReportPrinter(terminal: terminal).print(report) }
        if !project.json, let rounds = report.rounds, rounds > 0 {
            terminal.note(
                "the plan needs \(rounds) round\(rounds == 1 ? "" : "s") of batch jobs (one per dependency level); 'generate-assets batch wait' applies each and submits the next"
            )
        }
        if report.hasFailures { throw ExitCode.failure }
    }

    /// What an interrupted run says on its way out.
    static func interrupted(_ interruption: Interruption) -> String {
        let kept = "every image already answered is kept in the cache; run again to finish"
        guard interruption.calls > 0 else { return "interrupted; \(kept)" }
        let calls = interruption.calls == 1 ? "1 call was" : "\(interruption.calls) calls were"
        let usd = String(format: "%.3f", interruption.possiblyBilledUSD)
        return "interrupted: \(calls) under way and may still be billed (up to $\(usd), recorded in the call log: "
            + "see 'generate-assets usage'); \(kept)"
    }
}
