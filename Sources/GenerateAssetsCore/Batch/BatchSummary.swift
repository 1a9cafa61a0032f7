import AssetCache
import Foundation

/// A job as people and tools see it: `batch list`, and `batches` in `generate --batch --json`.
package struct BatchSummary: Sendable, Codable, Equatable {
    package var name: String?
    package var displayName: String
    package var model: String
    package var state: String
    package var assets: [String]
    package var failed: [String]
    package var ageSeconds: Double
    package var estimatedCostUSD: Double?
    package var error: String?
    /// What the answers this command stored cost, at the Batch price: set by `batch list` and `batch cancel`
    /// for a job that ended since the last look (its outputs are written by the next run, at no cost).
    package var appliedCostUSD: Double?

    enum CodingKeys: String, CodingKey {
        case name, model, state, assets, failed, error
        case displayName = "display_name"
        case ageSeconds = "age_seconds"
        case estimatedCostUSD = "estimated_cost_usd"
        case appliedCostUSD = "applied_cost_usd"
    }

    init(_ job: BatchJob, now: Date, applied: BatchSpend? = nil) {
        name = job.name
        displayName = job.displayName
        model = job.model
        state = job.state
        // Each asset once, though several of its variants may be in the job.
        var seen: Set<String> = []
        assets = job.requests.map(\.assetID).filter { seen.insert($0).inserted }
        seen = []
        failed = job.requests.filter { $0.state == "failed" }.map(\.assetID).filter { seen.insert($0).inserted }
        ageSeconds = now.timeIntervalSince(job.createdAt)
        estimatedCostUSD = job.estimatedUSD
        error = job.error
        appliedCostUSD = applied?.applied(job: job.name ?? job.displayName)
    }
}

/// An asset's place in an unfinished job (`batch` in `status --json`).
package struct BatchMark: Sendable, Codable, Equatable {
    package var name: String?
    package var state: String
}
