import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// `status`: the plan, without acting. Reads files only through the stat cache.
package enum StatusRunner {
    /// The outcome of `status`: a full report, or a replayed all-fresh answer.
    package struct Outcome {
        /// The report (decoded on demand for a replay).
        package var report: () throws -> RunReport
        /// The report as JSON text.
        package var json: () throws -> String
        package var hasStale: Bool
        /// The ids of assets whose output is a placeholder (worked out when asked: `--no-placeholders` only).
        package var placeholders: () -> [String]
        package var replayed: Bool
        /// The project the answer was planned from (nil for a replay). A command about to exit may keep the
        /// outcome alive to the end, sparing the time to free a record per asset.
        package var project: ProjectContext?
    }

    /// The whole of `status`: replays the last all-fresh answer when nothing it depends on has changed,
    /// else loads the project and plans.
    package static func run(
        options: ProjectOptions, only: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Outcome {
        let start = Date()
        if only.isEmpty, let replay = StatusSnapshot.replay(options: options, environment: environment, started: start)
        {
            Trace.mark("snapshot replayed")
            return Outcome(
                report: replay.report, json: { replay.json }, hasStale: false, placeholders: replay.placeholders,
                replayed: true, project: nil)
        }
        let early = StatusSnapshot.statBeforeLoading(options, clock: SystemClock())
        let context = try ProjectContext(options: options, readOnly: false, environment: environment)
        let report = try run(context, only: only)
        if only.isEmpty {
            StatusSnapshot.record(report, context: context, options: options, environment: environment, early: early)
        }
        return Outcome(
            report: { report }, json: { try report.json() }, hasStale: report.hasStale,
            placeholders: { report.placeholderIDs }, replayed: false, project: context)
    }

    /// Plans the selected assets; newly hashed files are remembered for next time.
    package static func run(_ context: ProjectContext, only: [String]) throws -> RunReport {
        let start = context.clock.now()
        let assets = try context.select(only)
        let (plans, history) = try CommittedImages.plan(
            assets, planner: context.planner(force: false), context: context, storeInto: nil)
        Trace.mark("planned")
        let batches = BatchBook(cache: context.cache)
        let outcomes = plans.map { plan in
            let entry = context.lock.assets[plan.asset.id]
            var outcome = AssetOutcome(plan: plan, placeholder: entry?.placeholder ?? false, entry: entry)
            if plan.state == .stale, !plan.isRestorable, !plan.kept {
                if let job = batches.pending(plan) { outcome.markPending(job) }
                if let reason = batches.failure(plan, cache: context.cache) { outcome.reasons.append(reason) }
            }
            if outcome.state == .fresh, let reason = ImageCheckStatus.problem(plan.asset, entry: entry) {
                outcome.state = .stale
                outcome.reasons.append(reason)
            }
            return outcome
        }
        var stats = RunStatistics()
        stats.filesHashed = context.hasher.filesHashed
        stats.filesStatted = context.hasher.filesStatted
        if let cache = context.cache { try context.hasher.flush(to: cache) }
        stats.durationSeconds = context.clock.now().timeIntervalSince(start)
        Trace.mark("stat cache saved")
        return RunReport(
            command: "status", provider: context.provider.id, dryRun: false, assets: outcomes,
            warnings: context.project.warnings
                + UnrecoverableImages.warnings(plans, history: history, context: context), stats: stats)
    }
}
