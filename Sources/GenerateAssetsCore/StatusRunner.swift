import AssetPlanner
import AssetSupport
import Foundation

/// `status`: the plan, without acting. Reads files only through the stat cache.
public enum StatusRunner {
    /// Plans the selected assets. With `recordStats`, newly hashed files are remembered for next time.
    public static func run(_ context: ProjectContext, only: [String], recordStats: Bool = true) throws -> RunReport {
        let start = Date()
        let assets = try context.select(only)
        let plans = try context.planner(force: false).plan(assets)
        let outcomes = plans.map { plan in
            AssetOutcome(plan: plan, placeholder: context.lock.assets[plan.asset.id]?.placeholder ?? false)
        }
        var stats = RunStatistics()
        stats.filesHashed = context.hasher.filesHashed
        stats.filesStatted = context.hasher.filesStatted
        if recordStats, let cache = context.cache { try context.hasher.flush(to: cache) }
        stats.durationSeconds = Date().timeIntervalSince(start)
        return RunReport(command: "status", provider: context.provider.id, dryRun: false, assets: outcomes,
                         warnings: context.project.warnings.map(\.description), stats: stats)
    }
}
