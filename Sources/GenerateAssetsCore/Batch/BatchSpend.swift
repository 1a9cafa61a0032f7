import AssetProviders
import AssetSupport
import Foundation

/// The answers of Batch API jobs stored during a run, at the Batch price they were billed at (the serving
/// model's, when another model answered: noted here so the run warns once, as for synchronous answers). The run that
/// applies them reports them as spent (`batch_cost_usd`, inside `cost_usd`), apart from synchronous calls:
/// each asset's share on its outcome, and the share of assets the run did not select on the report alone.
/// A job is applied once (`BatchJob.applied`), so its answers are counted by one run only.
package final class BatchSpend: Sendable {
    private let byAsset = LockedValue<[String: Double]>([:])
    private let total = LockedValue(0.0)
    /// Job name → what its answers stored so far cost.
    private let byJob = LockedValue<[String: Double]>([:])
    /// Requested model → the model that answered instead, in the answers applied.
    private let served = LockedValue<[String: String]>([:])

    package init() {}

    /// Counts one stored answer of `asset` at `cost` (nil: a price the client does not know, counted as 0).
    func add(asset: String, cost: Double?, job: String) {
        let cost = cost ?? 0
        byAsset.withValue { $0[asset, default: 0] += cost }
        byJob.withValue { $0[job, default: 0] += cost }
        total.withValue { $0 += cost }
    }

    /// What the answers applied for `asset` cost, once: a second call returns nil.
    func take(_ asset: String) -> Double? {
        byAsset.withValue { $0.removeValue(forKey: asset) }
    }

    /// Notes that `served` answered a job's requests for `requested`.
    func noteServed(requested: String, by served: String) { self.served.withValue { $0[requested] = served } }

    /// The models that answered for others, by requested model, once: a second call returns none.
    func takeServed() -> [String: String] {
        served.withValue { taken in
            defer { taken = [:] }
            return taken
        }
    }

    /// What the answers of `job` (its name) stored so far cost; nil when none of its answers was stored.
    func applied(job: String) -> Double? { byJob.value[job] }

    /// Every answer applied so far.
    package var totalUSD: Double { total.value }

    /// The answers no outcome took: applied for assets this run did not report on.
    var untakenUSD: Double { byAsset.value.values.reduce(0, +) }
}

extension AssetOutcome {
    /// Adds what the Batch answers applied for this asset cost to its spend.
    mutating func addBatchSpend(_ usd: Double?) {
        guard let usd else { return }
        batchCostUSD = usd
        costUSD = (costUSD ?? 0) + usd
    }
}

extension RunReport {
    /// Adds what was applied from Batch jobs for assets outside this report, so `spent` counts every answer.
    mutating func addBatchSpend(_ usd: Double) {
        guard usd > 0 else { return }
        batchCostUSD = (batchCostUSD ?? 0) + usd
        costUSD += usd
    }
}

extension BatchCoordinator {
    /// The models, other than `requested`, that answered a job's requests (the answers' `modelVersion`), sorted.
    static func servedElsewhere(_ answers: [String: Result<GenerationResult, ProviderError>], requested: String)
        -> [String]
    {
        Set(answers.values.compactMap { try? $0.get().servedModel(insteadOf: requested) }).sorted()
    }
}
