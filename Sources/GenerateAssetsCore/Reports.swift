import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// What a stale asset needs: the JSON strings `restore`, `generate` and `keep`.
package enum AssetAction: String, Sendable, Codable {
    /// From the cache, free.
    case restore
    /// A provider call.
    case generate
    /// Only files made from the image (renditions), from the cache, free.
    case render
    /// Frozen: its committed image stays.
    case keep
    /// Waits for the batch job it is in: no call, nothing to pay now (the job's price was counted when it went).
    case wait
    /// Its output was edited by hand: kept as it is, no call (delete it, or `accept` it).
    case edited
    /// The image its files are made from is in neither the cache nor git: no call (that would replace
    /// committed art); the reasons say how to fetch it.
    case unrecoverable
}

/// One asset in a `status` or `generate` report (the `--json` contract).
package struct AssetOutcome: Sendable, Codable {
    /// `fresh` or `stale` for status; `fresh`, `restored`, `generated`, `rendered` (only files made from the
    /// cached image were written: no call) or `failed` for generate.
    package enum State: String, Sendable, Codable { case fresh, stale, restored, generated, rendered, failed }

    package var id: String
    package var output: String
    package var state: State
    package var reasons: [StaleReason]
    /// For stale assets: `restore` (from the cache, free), `render` (only renditions, free), `generate` (provider
    /// calls) or `keep` (frozen).
    package var action: AssetAction?
    package var error: AssetFailure?
    package var fingerprint: String?
    package var model: String
    package var placeholder: Bool
    /// The output no longer matches what generate-assets wrote: it will not be overwritten without --force.
    package var modified: Bool
    package var estimatedCostUSD: Double?
    package var costUSD: Double?
    /// The part of `costUSD` paid at the Batch price: answers of a Batch job this run applied.
    package var batchCostUSD: Double?
    package var durationSeconds: Double?
    /// The unfinished Batch API job this asset waits in.
    package var batch: BatchMark?
    /// How many variants of the output's inputs exist, and which one the output is: set when more than one.
    package var variants: Int?
    package var picked: Int?
    /// Set for an asset marked `frozen: true`.
    package var frozen: Bool?
    /// With `checks: {attempts: N}`, a generate makes 1 to N images: N here.
    package var maxImages: Int?
    /// The judge's verdict on the output and its alt text, as the lock records them.
    package var checks: CheckRecord?
    package var alt: String?

    /// Each file made from the image (renditions, a catalog set's files); absent when there are none.
    package var renditions: [RenditionOutcome]?

    enum CodingKeys: String, CodingKey {
        case id, output, state, reasons, action, error, fingerprint, model, placeholder, modified, batch, variants,
            picked, frozen, renditions, checks, alt
        case maxImages = "max_images"
        case estimatedCostUSD = "estimated_cost_usd"
        case costUSD = "cost_usd"
        case batchCostUSD = "batch_cost_usd"
        case durationSeconds = "duration_seconds"
    }
}

/// One file made from an asset's image, in a report.
package struct RenditionOutcome: Sendable, Codable {
    package var output: String
    /// `fresh` or `stale` for status; `fresh`, `rendered`, `stale` or `failed` for generate.
    package enum State: String, Sendable, Codable {
        case fresh, stale, rendered, failed

        init(_ state: AssetState) { self = state == .fresh ? .fresh : .stale }
    }

    package var state: State
    package var reasons: [StaleReason]
}

/// Counters for the whole run.
package struct RunStatistics: Sendable, Codable {
    /// Files read and hashed (0 on a no-op run).
    package var filesHashed = 0
    /// Files whose hash came from the stat cache.
    package var filesStatted = 0
    package var providerCalls = 0
    /// References uploaded through the File API (live uploads are reused, not counted).
    package var filesUploaded = 0
    /// Attempts that got no answer after their request was sent, and their list price: they may be billed.
    package var possiblyBilledAttempts = 0
    package var possiblyBilledUSD = 0.0
    /// Images decoded, resized, keyed or re-encoded (renditions and format conversions; 0 on a no-op run).
    package var imagesRendered = 0
    package var durationSeconds = 0.0

    enum CodingKeys: String, CodingKey {
        case filesHashed = "files_hashed"
        case filesStatted = "files_statted"
        case providerCalls = "provider_calls"
        case filesUploaded = "files_uploaded"
        case possiblyBilledAttempts = "possibly_billed_attempts"
        case possiblyBilledUSD = "possibly_billed_usd"
        case imagesRendered = "images_rendered"
        case durationSeconds = "duration_seconds"
    }
}

/// The result of `status` or `generate`.
package struct RunReport: Sendable, Codable {
    package var command: String
    package var provider: String
    package var dryRun: Bool
    package var assets: [AssetOutcome]
    package var totals: [String: Int]
    package var estimatedCostUSD: Double?
    /// Everything this run spent: synchronous calls and the answers of Batch jobs it applied.
    package var costUSD: Double
    /// For `generate`: the part of `costUSD` paid at the Batch price (answers of jobs applied this run), and
    /// the part paid for synchronous calls.
    package var batchCostUSD: Double?
    package var synchronousCostUSD: Double?
    package var warnings: [Diagnostic]
    package var stats: RunStatistics
    /// The commit `generate` made, if any.
    package var git: GitPublication?
    /// The jobs `generate --batch` submitted.
    package var batches: [BatchSummary]?
    /// The review page `generate --report` wrote.
    package var reviewPage: String?
    /// Rounds of Batch jobs: those `generate --batch` plans (one per dependency level), or those `batch wait` applied.
    package var rounds: Int?

    enum CodingKeys: String, CodingKey {
        case command, provider, assets, totals, warnings, stats, git, batches, rounds
        case reviewPage = "report"
        case dryRun = "dry_run"
        case estimatedCostUSD = "estimated_cost_usd"
        case costUSD = "cost_usd"
        case batchCostUSD = "batch_cost_usd"
        case synchronousCostUSD = "synchronous_cost_usd"
    }

    init(
        command: String, provider: String, dryRun: Bool, assets: [AssetOutcome], warnings: [Diagnostic],
        stats: RunStatistics
    ) {
        self.command = command
        self.provider = provider
        self.dryRun = dryRun
        self.assets = assets
        self.warnings = warnings
        self.stats = stats
        // One pass, reading each outcome in place: a copy of each per total adds up over thousands of assets.
        var byState: [AssetOutcome.State: Int] = [:]
        var placeholders = 0
        var modified = 0
        var kept = 0
        var estimate: Double? = 0
        var cost = 0.0
        var batchCost = 0.0
        assets.withUnsafeBufferPointer { outcomes in
            for index in outcomes.indices {
                byState[outcomes[index].state, default: 0] += 1
                if outcomes[index].placeholder { placeholders += 1 }
                if outcomes[index].modified { modified += 1 }
                if outcomes[index].isKept { kept += 1 }
                estimate = estimate.flatMap { sum in outcomes[index].estimatedCostUSD.map { sum + $0 } }
                if let spent = outcomes[index].costUSD { cost += spent }
                if let batch = outcomes[index].batchCostUSD { batchCost += batch }
            }
        }
        var totals = ["assets": assets.count, "placeholders": placeholders, "modified": modified, "kept": kept]
        for (state, count) in byState { totals[state.rawValue] = count }
        self.totals = totals
        estimatedCostUSD = estimate
        costUSD = cost
        if command == "generate", !dryRun {
            batchCostUSD = batchCost
            synchronousCostUSD = max(0, cost - batchCost)
        }
    }

    /// The ids of the assets whose output is a placeholder, in report order.
    package var placeholderIDs: [String] {
        assets.withUnsafeBufferPointer { outcomes in
            outcomes.indices.compactMap { outcomes[$0].placeholder ? outcomes[$0].id : nil }
        }
    }

    package var hasFailures: Bool { has(.failed) }
    /// Stale assets that generate would act on: a frozen asset whose output is kept does not count.
    package var hasStale: Bool {
        assets.withUnsafeBufferPointer { outcomes in
            outcomes.indices.contains { outcomes[$0].state == .stale && !outcomes[$0].isKept }
        }
    }

    private func has(_ state: AssetOutcome.State) -> Bool {
        assets.withUnsafeBufferPointer { outcomes in outcomes.indices.contains { outcomes[$0].state == state } }
    }

    /// One JSON object, keys sorted.
    package func json() throws -> String { try JSONText.encode(self) }
}

/// Receives what happens while a run goes on, as values (the CLI prints them to stderr; tests collect them).
package protocol RunReporter: Sendable {
    func report(_ event: RunEvent)
}

/// A reporter that drops every event: for a run whose caller reports the result itself.
package struct SilentReporter: RunReporter {
    package init() {}
    package func report(_ event: RunEvent) {}
}

extension AssetOutcome {
    /// The outcome of a plan, before anything is done; `entry` is the asset's lock entry, for its variants.
    /// A fresh image with a stale rendition is stale, to render.
    init(plan: AssetPlan, placeholder: Bool, entry: LockEntry? = nil) {
        let fresh = plan.state == .fresh && !plan.hasStaleRenditions
        self.init(
            id: plan.asset.id, output: plan.asset.output, state: fresh ? .fresh : .stale, reasons: plan.reasons,
            action: Self.action(plan),
            error: nil,
            fingerprint: plan.fingerprint?.hex, model: plan.asset.modelID, placeholder: placeholder,
            modified: plan.outputModified || plan.renditions.contains(where: \.modified),
            estimatedCostUSD: plan.estimatedCost, costUSD: nil, durationSeconds: nil,
            renditions: plan.renditions.isEmpty
                ? nil
                : plan.renditions.map {
                    RenditionOutcome(output: $0.output, state: .init($0.state), reasons: $0.reasons)
                })
        frozen = plan.asset.frozen ? true : nil
        showChecks(plan: plan, entry: entry)
        if let entry, plan.kept || plan.fingerprint == entry.fingerprint { showVariants(of: entry) }
    }

    /// What a planned asset needs (nil when fresh with every file made from its image).
    static func action(_ plan: AssetPlan) -> AssetAction? {
        if plan.state == .fresh, !plan.hasStaleRenditions { return nil }
        if plan.editedByHand { return .edited }
        if plan.unrecoverable { return .unrecoverable }
        // A frozen asset whose files are missing or stale renders them (at no cost): not kept as is.
        if plan.kept, !plan.hasStaleRenditions { return .keep }
        if plan.state == .fresh || plan.kept { return .render }
        return plan.isRestorable ? .restore : .generate
    }

    /// Shows the variants and the pick an entry records, when there is more than one.
    mutating func showVariants(of entry: LockEntry) {
        guard let count = entry.variants, count > 1 else { return }
        variants = count
        picked = entry.picked
    }

    /// Stale, but frozen: its output is kept as it is.
    package var isKept: Bool { action == .keep }
}
