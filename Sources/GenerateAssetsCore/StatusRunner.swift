import AssetPlanner
import AssetSupport
import Foundation

/// `status`: the plan, without acting. Reads files only through the stat cache.
public enum StatusRunner {
    /// The whole of `status`: replays the last all-fresh answer when nothing it depends on has changed,
    /// else loads the project and plans.
    public static func run(options: ProjectOptions, only: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RunReport {
        let start = Date()
        if only.isEmpty, var report = StatusSnapshot.replay(options: options, environment: environment) {
            report.stats.durationSeconds = Date().timeIntervalSince(start)
            Trace.mark("snapshot replayed")
            return report
        }
        let context = try ProjectContext(options: options, readOnly: false, environment: environment)
        let report = try run(context, only: only)
        if only.isEmpty { StatusSnapshot.record(report, context: context, options: options, environment: environment) }
        return report
    }

    /// Plans the selected assets. With `recordStats`, newly hashed files are remembered for next time.
    public static func run(_ context: ProjectContext, only: [String], recordStats: Bool = true) throws -> RunReport {
        let start = Date()
        let assets = try context.select(only)
        let plans = try context.planner(force: false).plan(assets)
        Trace.mark("planned")
        let outcomes = plans.map { plan in
            AssetOutcome(plan: plan, placeholder: context.lock.assets[plan.asset.id]?.placeholder ?? false)
        }
        var stats = RunStatistics()
        stats.filesHashed = context.hasher.filesHashed
        stats.filesStatted = context.hasher.filesStatted
        if recordStats, let cache = context.cache { try context.hasher.flush(to: cache) }
        stats.durationSeconds = Date().timeIntervalSince(start)
        Trace.mark("stat cache saved")
        return RunReport(command: "status", provider: context.provider.id, dryRun: false, assets: outcomes,
                         warnings: context.project.warnings.map(\.description), stats: stats)
    }
}
