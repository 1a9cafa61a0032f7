import AssetCache
import AssetFingerprint
import AssetGit
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// Gathers what the review page shows: for every asset, its image at the baseline (from git) and now,
/// the prompts and inputs from `assets.lock` then and now, the last run's reasons and errors, the plan's
/// reasons for what is stale, the variants still to pick and the files made from each image. Images go to
/// `images` as they are found.
struct ReviewCollector {
    let context: ProjectContext
    let repository: GitRepository?
    /// The baseline commit; nil outside git or before the first commit.
    let commit: GitObjectID?
    let run: RunRecord?
    let images: ReviewImages
    /// What the notes say each committed image cost, by `NoteSpend.imageKey`: for images the cache does not
    /// know (made in another clone, or before the cache was deleted).
    var noteCosts: [String: Double] = [:]

    func collect() throws -> (assets: [ReviewAsset], unchanged: [String]) {
        let prefix = repository?.prefix(of: context.project.root) ?? ""
        let then = try commit.map { try lockFile(at: $0, prefix: prefix) } ?? Lockfile()
        let plans = Dictionary(
            try context.planner(force: false).plan(context.project.assets).map { ($0.asset.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let outcomes = Dictionary((run?.report.assets ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var shown: [ReviewAsset] = []
        var unchanged: [String] = []
        for asset in context.project.assets {
            let old = then.assets[asset.id]
            let before = try commit.flatMap {
                try repository?.contents(of: prefix + (old?.historyPath ?? asset.historyPath), at: $0)
            }
            let after = FileManager.default.contents(atPath: context.absolute(asset.historyPath))
            let outcome = outcomes[asset.id]
            let plan = plans[asset.id]
            let entry = context.lock.assets[asset.id]
            let variants = try entry.map { try pickableVariants(of: asset, entry: $0) } ?? []
            let status: ReviewAsset.Status
            if outcome?.state == .failed {
                status = .failed
            } else if let after, before.map(SHA256.hash) != SHA256.hash(after) {
                status = before == nil ? .new : .changed
            } else if outcome?.state == .generated && (outcome?.variants ?? 0) > 1
                || variants.count > 1 && plan?.state == .fresh
            {
                // Variants still to pick, made in the last run or any before it (or in another clone); a stale
                // or frozen asset is shown as such, with them.
                status = .variants
            } else if plan?.kept == true {
                status = .kept
            } else if plan?.state == .stale {
                status = .stale
            } else {
                unchanged.append(asset.id)
                continue
            }
            shown.append(
                try review(
                    asset, status: status, old: old, before: before, after: after, outcome: outcome, plan: plan,
                    variants: variants))
        }
        return (shown, unchanged)
    }

    func review(
        _ asset: ResolvedAsset, status: ReviewAsset.Status, old: LockEntry?, before: Data?, after: Data?,
        outcome: AssetOutcome?, plan: AssetPlan?, variants: [ReviewVariant]
    ) throws -> ReviewAsset {
        let entry = context.lock.assets[asset.id]
        let compared = status == .new || status == .changed
        // What made the image now, against the baseline; or, for what is stale, the manifest against the image.
        let prompt = compared ? entry?.inputs.prompt ?? asset.prompt : asset.prompt
        let promptBefore = compared ? old?.inputs.prompt : entry?.inputs.prompt
        var reviewed = ReviewAsset(
            id: asset.id, output: asset.output, status: status,
            before: compared ? try before.map { try images.add($0) } : nil,
            after: try after.map { try images.add($0) },
            prompt: prompt, promptBefore: promptBefore == prompt ? nil : promptBefore,
            promptDiff: promptBefore.map { $0 == prompt ? [] : PromptDiff.between($0, prompt) } ?? [],
            reasons: reasons(status: status, old: old, entry: entry, outcome: outcome, plan: plan),
            model: (compared ? entry?.model : nil) ?? asset.modelID,
            imageSize: entry?.inputs.config["image_size"] ?? asset.config.imageSize,
            aspectRatio: entry?.inputs.config["aspect_ratio"] ?? asset.config.aspectRatio,
            costUSD: try entry.flatMap { entry in
                try context.cache.flatMap { try cost(of: entry, in: $0) }
                    ?? noteCosts[NoteSpend.imageKey(asset.id, entry.outputSHA256.hex)]
            },
            placeholder: entry?.placeholder ?? false, frozen: asset.frozen,
            error: status == .failed ? outcome?.error : nil,
            variants: variants, picked: variants.isEmpty ? nil : variants.first(where: \.picked)?.number)
        if compared { reviewed.turns = try turns(of: entry) }
        (reviewed.source, reviewed.files) = (try source(of: asset, entry: entry), try files(of: entry))
        (reviewed.checks, reviewed.alt) = (entry?.checks, entry?.alt)
        return reviewed
    }

    /// Why it is on the page: the last run's reasons, what the inputs changed since the baseline, or the plan's reasons now.
    func reasons(
        status: ReviewAsset.Status, old: LockEntry?, entry: LockEntry?, outcome: AssetOutcome?, plan: AssetPlan?
    ) -> [StaleReason] {
        var reasons: [StaleReason] = []
        switch status {
        case .new, .changed:
            // The last run's reasons, while what it made is still the output.
            if let outcome, outcome.state == .generated || outcome.state == .restored,
                outcome.fingerprint == entry?.fingerprint.hex,
                outcome.picked == entry?.picked
            {
                reasons += outcome.reasons
            }
            if let entry {
                if let old, old.fingerprint != entry.fingerprint {
                    reasons += StaleReasons.between(old: old.inputs, new: entry.inputs)
                } else if old == nil {
                    reasons.append(.new)
                } else if let picked = entry.picked, picked != old?.picked {
                    reasons.append(.variantPicked(picked))
                }
            }
            if reasons.isEmpty { reasons = [.regeneratedFromSameInputs] }
        case .failed, .variants:
            reasons = outcome?.reasons ?? []
        case .kept, .stale:
            reasons = plan?.reasons ?? []
        }
        var seen: Set<StaleReason> = []
        return reasons.filter { seen.insert($0).inserted }
    }

    func lockFile(at commit: GitObjectID, prefix: String) throws -> Lockfile {
        guard let repository, let data = try repository.contents(of: prefix + ManifestLoader.lockFileName, at: commit)
        else { return Lockfile() }
        return (try? JSONDecoder().decode(Lockfile.self, from: data)) ?? Lockfile()
    }

    /// What the image's inputs cost: every variant made for them (three variants, three calls), or the
    /// recorded one's cost when the cache has no variants.
    func cost(of entry: LockEntry, in cache: CacheStore) throws -> Double? {
        let costs = try cache.variants(of: entry.fingerprint).compactMap(\.result.costUSD)
        return costs.isEmpty ? try entry.recordedVariant(in: cache)?.result.costUSD : costs.reduce(0, +)
    }
}
