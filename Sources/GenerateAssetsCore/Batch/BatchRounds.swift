import AssetManifest
import AssetPlanner
import Foundation

extension GenerateEngine {
    /// How many rounds of Batch jobs the plan needs: an asset is submitted once the assets it uses are made,
    /// so each dependency level among the assets that need a call (or wait in a job) is a round.
    static func batchRounds(_ plans: [AssetPlan]) -> Int {
        let needing = Dictionary(
            plans.filter { $0.state == .stale && !$0.kept && !$0.isRestorable }.map { ($0.asset.id, $0) }
        ) { first, _ in first }
        var depth: [String: Int] = [:]
        func level(_ id: String) -> Int {
            if let known = depth[id] { return known }
            guard let plan = needing[id] else { return 0 }
            depth[id] = 1  // a cycle cannot pass validation; this only stops recursion if one did
            let value = 1 + (plan.asset.dependencies.map(level).max() ?? 0)
            depth[id] = value
            return value
        }
        return needing.keys.map(level).max() ?? 0
    }
}
