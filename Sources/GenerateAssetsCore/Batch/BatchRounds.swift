import AssetFingerprint
import AssetManifest
import AssetPlanner
import Foundation

extension GenerateEngine {
    /// How many rounds of Batch jobs the plan needs: an asset is submitted once the assets it uses are made,
    /// so each dependency level among the assets that need a call (or wait in a job) is a round.
    /// An edit chain takes one round per turn still to make (`rounds`, 1 for any other asset).
    static func batchRounds(_ plans: [AssetPlan], rounds: (AssetPlan) -> Int = { _ in 1 }) -> Int {
        let needing = Dictionary(
            plans.filter { $0.state == .stale && !$0.kept && !$0.isRestorable }.map { ($0.asset.id, $0) }
        ) { first, _ in first }
        var depth: [String: Int] = [:]
        func level(_ id: String) -> Int {
            if let known = depth[id] { return known }
            guard let plan = needing[id] else { return 0 }
            depth[id] = 1  // a cycle cannot pass validation; this only stops recursion if one did
            let value = rounds(plan) + (plan.asset.dependencies.map(level).max() ?? 0)
            depth[id] = value
            return value
        }
        return needing.keys.map(level).max() ?? 0
    }
}

extension GenerateEngine {
    /// The rounds an asset takes through Batch: an edit chain's turns from the first the cache lacks, else 1.
    func batchRounds(of plan: AssetPlan) -> Int {
        guard let inputs = plan.inputs, inputs.edits?.isEmpty == false, let cache = context.cache else { return 1 }
        let prints = Fingerprint.turns(of: inputs)
        let held = prints.prefix { (try? cache.hasEditTurn($0)) == true }.count
        return max(1, prints.count - held)
    }
}
