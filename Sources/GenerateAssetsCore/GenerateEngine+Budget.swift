import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// `--max-cost` before the run: the plan's estimate against the cap (each call is reserved again as it starts).
extension GenerateEngine {
    /// What one planned asset's calls are expected to cost: the Batch price of its one request with --batch.
    func callEstimate(_ plan: AssetPlan) -> Double? {
        guard options.batch, !context.provider.isFree else { return plan.estimatedCost }
        return plan.asset.estimatedBatchCost
    }

    func checkBudget(_ calls: [AssetPlan]) throws {
        guard let limit = options.maxCost, !context.provider.isFree else { return }
        let unknown = calls.filter { callEstimate($0) == nil }.map(\.asset.id)
        guard unknown.isEmpty else {
            throw AssetFailure(
                .budget,
                "--max-cost cannot be enforced: the cost of \(unknown.joined(separator: ", ")) is unknown (a model with no price)",
                fix:
                    "declare its price under 'models:' (price_per_image_usd), use a built-in model, or run without --max-cost"
            )
        }
        let estimate = calls.compactMap(callEstimate).reduce(0, +)
        guard estimate <= limit else {
            throw AssetFailure(
                .budget,
                String(format: "the plan is estimated at $%.3f, above --max-cost $%.2f", estimate, limit),
                fix: "raise --max-cost, or generate fewer assets with --only")
        }
    }
}
