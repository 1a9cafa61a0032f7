import AssetPlanner
import AssetSupport
import Foundation

/// One asset in a `status` or `generate` report (the `--json` contract).
public struct AssetOutcome: Sendable, Codable {
    /// `fresh` or `stale` for status; `fresh`, `restored`, `generated` or `failed` for generate.
    public enum State: String, Sendable, Codable { case fresh, stale, restored, generated, failed }

    public var id: String
    public var output: String
    public var state: State
    public var reasons: [String]
    /// For stale assets: `restore` (from the cache, free) or `generate` (a provider call).
    public var action: String?
    public var error: String?
    public var fingerprint: String?
    public var model: String
    public var placeholder: Bool
    /// The output no longer matches what generate-assets wrote: it will not be overwritten without --force.
    public var modified: Bool
    public var estimatedCostUSD: Double?
    public var costUSD: Double?
    public var durationSeconds: Double?
    /// The unfinished Batch API job this asset waits in.
    public var batch: BatchMark?

    enum CodingKeys: String, CodingKey {
        case id, output, state, reasons, action, error, fingerprint, model, placeholder, modified, batch
        case estimatedCostUSD = "estimated_cost_usd", costUSD = "cost_usd", durationSeconds = "duration_seconds"
    }
}

/// Counters for the whole run.
public struct RunStatistics: Sendable, Codable {
    /// Files read and hashed (0 on a no-op run).
    public var filesHashed = 0
    /// Files whose hash came from the stat cache.
    public var filesStatted = 0
    public var providerCalls = 0
    /// References uploaded through the File API (live uploads are reused, not counted).
    public var filesUploaded = 0
    public var durationSeconds = 0.0

    enum CodingKeys: String, CodingKey {
        case filesHashed = "files_hashed", filesStatted = "files_statted", providerCalls = "provider_calls", filesUploaded = "files_uploaded"
        case durationSeconds = "duration_seconds"
    }
}

/// The result of `status` or `generate`.
public struct RunReport: Sendable, Codable {
    public var command: String
    public var provider: String
    public var dryRun: Bool
    public var assets: [AssetOutcome]
    public var totals: [String: Int]
    public var estimatedCostUSD: Double?
    public var costUSD: Double
    public var warnings: [String]
    public var stats: RunStatistics
    /// The commit `generate` made, if any.
    public var git: GitPublication?
    /// The jobs `generate --batch` submitted.
    public var batches: [BatchSummary]?

    enum CodingKeys: String, CodingKey {
        case command, provider, assets, totals, warnings, stats, git, batches
        case dryRun = "dry_run", estimatedCostUSD = "estimated_cost_usd", costUSD = "cost_usd"
    }

    init(command: String, provider: String, dryRun: Bool, assets: [AssetOutcome], warnings: [String], stats: RunStatistics) {
        self.command = command
        self.provider = provider
        self.dryRun = dryRun
        self.assets = assets
        self.warnings = warnings
        self.stats = stats
        // One pass, reading each outcome in place: a copy of each per total adds up over thousands of assets.
        var byState: [AssetOutcome.State: Int] = [:]
        var placeholders = 0, modified = 0
        var estimate: Double? = 0
        var cost = 0.0
        assets.withUnsafeBufferPointer { outcomes in
            for index in outcomes.indices {
                byState[outcomes[index].state, default: 0] += 1
                if outcomes[index].placeholder { placeholders += 1 }
                if outcomes[index].modified { modified += 1 }
                estimate = estimate.flatMap { sum in outcomes[index].estimatedCostUSD.map { sum + $0 } }
                if let spent = outcomes[index].costUSD { cost += spent }
            }
        }
        var totals: [String: Int] = ["assets": assets.count, "placeholders": placeholders, "modified": modified]
        for (state, count) in byState { totals[state.rawValue] = count }
        self.totals = totals
        estimatedCostUSD = estimate
        costUSD = cost
    }

    /// The ids of the assets whose output is a placeholder, in report order.
    public var placeholderIDs: [String] {
        assets.withUnsafeBufferPointer { outcomes in outcomes.indices.compactMap { outcomes[$0].placeholder ? outcomes[$0].id : nil } }
    }

    public var hasFailures: Bool { has(.failed) }
    public var hasStale: Bool { has(.stale) }

    private func has(_ state: AssetOutcome.State) -> Bool {
        assets.withUnsafeBufferPointer { outcomes in outcomes.indices.contains { outcomes[$0].state == state } }
    }

    /// One JSON object, keys sorted.
    public func json() throws -> String { try JSONText.encode(self) }
}

/// Receives progress while a run goes on (the CLI prints it to stderr).
public protocol RunReporter: Sendable {
    func finished(_ outcome: AssetOutcome)
    func note(_ message: String)
}

extension AssetOutcome {
    /// The outcome of a plan, before anything is done.
    init(plan: AssetPlan, placeholder: Bool) {
        self.init(
            id: plan.asset.id, output: plan.asset.output, state: plan.state == .fresh ? .fresh : .stale, reasons: plan.reasons,
            action: plan.state == .fresh ? nil : (plan.isRestorable ? "restore" : "generate"), error: nil,
            fingerprint: plan.fingerprint?.hex, model: plan.asset.modelID, placeholder: placeholder, modified: plan.outputModified,
            estimatedCostUSD: plan.estimatedCost, costUSD: nil, durationSeconds: nil)
    }
}
