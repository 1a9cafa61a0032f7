import AssetFingerprint
import AssetManifest
import AssetSupport

/// Whether an asset's output already matches its inputs.
package enum AssetState: String, Sendable, Codable { case fresh, stale }

/// The decision for one asset, with every reason.
package struct AssetPlan: Sendable {
    package var asset: ResolvedAsset
    package var state: AssetState
    package var reasons: [StaleReason]
    /// Nil while an upstream asset's new output is not known yet.
    package var inputs: AssetInputs?
    package var fingerprint: ContentHash?
    /// The hash of the output on disk now, if any.
    package var outputOnDisk: ContentHash?
    /// The cached answer for `fingerprint`, when the cache has it: restoring costs nothing.
    package var cachedAnswer: ContentHash?
    /// The output that answer gives in the output's format, when already known.
    package var cachedImage: ContentHash?
    /// The output exists but was not written by this tool for these inputs or the last ones.
    package var outputModified: Bool
    /// The output matches but `assets.lock` needs its entry (a run stopped before updating it).
    package var needsLockUpdate: Bool
    /// The list price of the calls it needs, 0 when fresh, restorable, kept or from a free provider; nil if unknown.
    package var estimatedCost: Double?
    /// Provider calls it needs: the variants still missing, or one new variant with `--force`.
    package var calls = 0
    /// Variants of these inputs already made (in the cache, or recorded in the lock file).
    package var variantsMade = 0
    /// Stale, but frozen: generate keeps the output as it is.
    package var kept = false
    /// Only more variants are wanted: the output stays the one the lock file records.
    package var addsVariantsOnly = false
    /// `--force`: a new variant becomes the output.
    package var forced = false
    /// Each file made from the image (renditions, a catalog set's files), fresh or stale.
    package var renditions: [RenditionPlan] = []
    /// The image `assets.lock` records for these inputs, when it does.
    package var lockedAnswer: ContentHash?
    /// `pick`: the cached variant to make the output.
    package var pickedVariant: Int?
    /// The output was edited by hand (and `--force` is not given): it stays as it is, with no call.
    package var editedByHand = false
    /// The image the files are made from is lost (neither the cache nor git has it) and its output is committed
    /// art: no call replaces it; the reasons say how to get it back.
    package var unrecoverable = false
    /// For a hand edit: the output generate-assets wrote for these inputs, which the assets that use it were made from.
    package var generatedOutput: ContentHash?
    /// Tells whether git history keeps an image the cache lacks (`refs/generate-assets/answers`).
    package typealias HistoryLookup = @Sendable (ContentHash) -> Bool

    package var isRestorable: Bool { state == .stale && !kept && !editedByHand && calls == 0 && cachedAnswer != nil }

    /// The output's hash once this plan is carried out, when it can be known in advance: new variants
    /// other than a re-roll do not change it.
    package var expectedOutput: ContentHash? {
        if state == .fresh || kept || addsVariantsOnly || unrecoverable { return outputOnDisk }
        if editedByHand { return generatedOutput }
        return forced ? nil : cachedImage
    }
}

/// Decides, asset by asset, what is fresh and what is stale and why. It reads files only through the
/// stat-cached hasher, so a no-op plan reads no file.
package struct Planner: Sendable {
    package let provider: String
    package let providerIsFree: Bool
    package let lock: Lockfile
    package let hasher: FileHasher
    package var cache: (any CachedImageLookup)?
    /// Make one new variant of each asset even when fresh (a re-roll).
    package let force: Bool
    /// Variants wanted per asset instead of each asset's `variants:` (`generate --variants N`).
    package var variants: Int?
    /// Plan frozen assets like the others (`generate --include-frozen`).
    package var includeFrozen = false
    /// The placeholder provider's id.
    static let placeholderProvider = "placeholder"
    /// A placeholder run replaces real (generated, non-placeholder) images too (`--replace-real-images`).
    package var replaceRealImages = false
    /// `pick ID K`: the cached variant each asset's output becomes, by asset id.
    package var picks: [String: PickedVariant] = [:]
    /// Whether git history keeps an image the cache lacks, so files can be made from it with no call.
    package var inHistory: AssetPlan.HistoryLookup?
    /// For an asset whose image is lost while its output is committed art (a git work tree): how to get the
    /// image back instead of paying for a new one that would replace the art; nil (no git) makes it again.
    package var lostImageFix: (@Sendable (String) -> String?)?

    package init(
        provider: String, providerIsFree: Bool, lock: Lockfile, hasher: FileHasher, cache: (any CachedImageLookup)?,
        force: Bool = false
    ) {
        self.provider = provider
        self.providerIsFree = providerIsFree
        self.lock = lock
        self.hasher = hasher
        self.cache = cache
        self.force = force
    }

    /// Plans `assets` (upstream first), feeding each asset's expected output to its dependents.
    package func plan(_ assets: [ResolvedAsset]) throws -> [AssetPlan] {
        var paths: [String] = []
        paths.reserveCapacity(assets.count * 2)
        for asset in assets {
            if asset.renditions.isEmpty, asset.catalog == nil {
                paths.append(asset.output)
            } else {
                paths.append(contentsOf: asset.writtenFiles)
            }
            for case .file(let path, _) in asset.references { paths.append(path) }
        }
        hasher.prefetch(paths)
        Trace.mark("files statted (prefetch)")
        var expected: [String: ContentHash] = [:]
        var plans: [AssetPlan] = []
        for asset in assets {
            let plan = try evaluate(asset, upstream: expected)
            expected[asset.id] = plan.expectedOutput
            plans.append(plan)
        }
        return plans
    }

    /// Evaluates one asset and the files made from its image, given the output hashes its upstream assets
    /// will have (missing: not known yet). A frozen asset that is stale keeps its output, unless `includeFrozen`;
    /// without an output it has nothing to keep.
    package func evaluate(_ asset: ResolvedAsset, upstream: [String: ContentHash]) throws -> AssetPlan {
        var plan = try evaluateImage(asset, upstream: upstream)
        if let pick = picks[asset.id] { apply(pick, to: &plan) }
        if plan.state == .stale, asset.frozen, !includeFrozen, plan.outputOnDisk != nil, plan.pickedVariant == nil {
            plan.kept = true
            plan.calls = 0
            plan.estimatedCost = 0
            plan.reasons.append(.frozen)
        }
        if keepsRealImage(plan) {
            plan.kept = true
            plan.calls = 0
            plan.estimatedCost = 0
            plan.reasons.append(.realImageKept)
        }
        try planRenditions(&plan)
        return plan
    }

    /// True when a placeholder run would put a placeholder over a real image: the output on disk is the one
    /// `assets.lock` records, made by a provider that is not the placeholder one. Such an image is kept
    /// unless `replaceRealImages`.
    func keepsRealImage(_ plan: AssetPlan) -> Bool {
        guard provider == Self.placeholderProvider, !replaceRealImages, plan.state == .stale, !plan.kept,
            plan.pickedVariant == nil, let onDisk = plan.outputOnDisk, !plan.outputModified,
            let entry = lock.assets[plan.asset.id]
        else { return false }
        return !entry.placeholder && entry.provider != Self.placeholderProvider && entry.outputSHA256 == onDisk
    }

    /// Makes the picked variant the image to restore, unless it already is the output. Its renditions are
    /// then planned from it like any restored image's.
    func apply(_ pick: PickedVariant, to plan: inout AssetPlan) {
        guard let fingerprint = plan.fingerprint, pick.fingerprint == fingerprint else { return }
        let entry = lock.assets[plan.asset.id]
        if plan.state == .fresh, entry?.answerSHA256 == pick.answer, (entry?.picked ?? 1) == pick.number { return }
        plan.state = .stale
        plan.pickedVariant = pick.number
        plan.cachedAnswer = pick.answer
        plan.cachedImage = nil
        plan.calls = 0
        plan.forced = false
        plan.addsVariantsOnly = false
        plan.needsLockUpdate = false
        plan.estimatedCost = 0
        plan.reasons = [.pickedVariant(pick.number)]
    }

    /// Evaluates the asset's own image: its output file, or for a catalog set (no file of its own) the image recorded in the lock.
    func evaluateImage(_ asset: ResolvedAsset, upstream: [String: ContentHash]) throws -> AssetPlan {
        var hashes: [ContentHash] = []
        var pending: [String] = []
        for reference in asset.references {
            switch reference {
            case .file(let path, _):
                guard let hash = try hasher.hash(path) else {
                    throw UserFacingError(
                        "reference '\(path)' of asset '\(asset.id)' disappeared during the run",
                        fix: "restore the file and run again")
                }
                hashes.append(hash)
            case .asset(let id):
                if let hash = upstream[id] { hashes.append(hash) } else { pending.append(id) }
            }
        }
        let entry = lock.assets[asset.id]
        let onDisk =
            asset.hasOutputFile
            ? try hasher.hash(asset.output) : entry.flatMap { $0.output == asset.output ? $0.outputSHA256 : nil }
        var plan = AssetPlan(
            asset: asset, state: .stale, reasons: [], inputs: nil, fingerprint: nil, outputOnDisk: onDisk,
            cachedAnswer: nil, cachedImage: nil,
            outputModified: false, needsLockUpdate: false, estimatedCost: nil)
        // An edit's `asset:` references wait for their upstream like the asset's own.
        for id in asset.edits.flatMap(\.assetReferences) where upstream[id] == nil && !pending.contains(id) {
            pending.append(id)
        }
        guard pending.isEmpty else {
            plan.reasons = try settingsReasons(asset, entry: entry) + pending.map(StaleReason.upstreamPending)
            plan.outputModified = try isHandEdited(onDisk: onDisk, entry: entry, cached: nil)
            plan.calls = variants ?? asset.variants
            plan.estimatedCost =
                asset.edits.isEmpty ? cost(of: plan.calls, asset) : pendingChainCost(asset, calls: plan.calls)
            return plan
        }
        var inputs = AssetInputs(asset: asset, provider: provider, referenceHashes: hashes)
        if !asset.edits.isEmpty { inputs.edits = try editInputs(asset, upstream: upstream) }
        let fingerprint = Fingerprint.of(inputs)
        plan.inputs = inputs
        plan.fingerprint = fingerprint
        let wanted = variants ?? asset.variants
        let recorded = entry?.variantCount(of: fingerprint) ?? 0
        let lockMatches =
            entry?.fingerprint == fingerprint && entry?.output == asset.output && onDisk != nil
            && onDisk == entry?.outputSHA256
        if lockMatches, recorded >= wanted, !force {
            plan.state = .fresh
            plan.variantsMade = recorded
            plan.estimatedCost = 0
            return plan
        }
        let cached = try cache?.cachedImage(
            for: fingerprint, as: asset.outputFormat, preferring: recorded > 0 ? entry?.answerSHA256 : nil)
        plan.cachedAnswer = cached?.answer
        plan.cachedImage = asset.hasOutputFile ? cached?.output : cached?.answer
        // Variants the lock records count only while the cache still has an answer: with the cache lost, the
        // image is made again under the first number, as it was made before.
        plan.variantsMade = cached == nil ? 0 : max(recorded, cached?.variants ?? 0)
        if !lockMatches, let onDisk, onDisk == plan.cachedImage, plan.variantsMade >= wanted, !force {
            // The image is right; only the lock is behind (an interrupted run).
            plan.state = .fresh
            plan.needsLockUpdate = true
            plan.estimatedCost = 0
            return plan
        }
        plan.calls =
            force
            ? max(1, wanted - plan.variantsMade) : max(wanted - plan.variantsMade, plan.cachedAnswer == nil ? 1 : 0)
        plan.forced = force
        plan.addsVariantsOnly = lockMatches && !force
        if force { plan.reasons.append(.forcedVariant) }
        if !force, plan.variantsMade > 0, wanted > plan.variantsMade {
            plan.reasons.append(.variantsWanted(wanted: wanted, made: plan.variantsMade))
        }
        if let entry {
            if entry.fingerprint != fingerprint { plan.reasons += StaleReasons.between(old: entry.inputs, new: inputs) }
            if entry.output != asset.output { plan.reasons.append(.outputMoved(from: entry.output, to: asset.output)) }
        } else {
            plan.reasons.append(.new)
        }
        if onDisk == nil, entry != nil { plan.reasons.append(.outputMissing) }
        plan.outputModified = try isHandEdited(onDisk: onDisk, entry: entry, cached: plan.cachedImage)
        if plan.outputModified {
            plan.reasons.append(entry == nil ? .outputNotMadeByTool : .outputModified)
            if !force {
                // Kept as it is, at no cost: deleting it or accepting it are the ways on, never a call.
                plan.editedByHand = true
                plan.calls = 0
                plan.estimatedCost = 0
                plan.generatedOutput = entry?.fingerprint == fingerprint ? entry?.outputSHA256 : nil
                plan.reasons.append(.editedByHand(id: asset.id, generated: entry != nil || plan.cachedAnswer != nil))
                return plan
            }
        } else if let entry, let onDisk, entry.fingerprint == fingerprint, entry.output == asset.output,
            onDisk != entry.outputSHA256
        {
            // Another generated image in its place (copied over it, or checked out from an older commit).
            plan.reasons.append(.outputReplaced)
        }
        plan.estimatedCost = asset.edits.isEmpty ? cost(of: plan.calls, asset) : try chainCost(plan, inputs: inputs)
        return plan
    }

    /// What changed in the asset's own settings (provider, model, prompt, config) while its upstream images
    /// are not known yet, or `new`: the reasons that do not depend on the references' hashes.
    func settingsReasons(_ asset: ResolvedAsset, entry: LockEntry?) throws -> [StaleReason] {
        guard let entry else { return [.new] }
        var old = entry.inputs
        var now = AssetInputs(
            asset: asset, provider: provider, referenceHashes: asset.references.map { _ in Self.unknownHash })
        old.references = []
        now.references = []
        // The edits compare too, their upstream images unknown on both sides (a pending upstream is no edit change).
        if !asset.edits.isEmpty { now.edits = try editInputs(asset, upstream: [:]) }
        old.edits = old.edits.map(Self.upstreamUnknown)
        now.edits = now.edits.map(Self.upstreamUnknown)
        return StaleReasons.between(old: old, new: now)
    }

    /// Stands in for a reference's hash that is not known yet.
    static let unknownHash = ContentHash(hex: String(repeating: "0", count: 64))!

    /// The list price of `calls` images of `asset`: 0 for none or a free provider, nil when unknown.
    func cost(of calls: Int, _ asset: ResolvedAsset) -> Double? {
        guard calls > 0, !providerIsFree else { return 0 }
        // Each image is judged once when the asset has checks or `alt: auto` (re-rolls are not counted: 1 to N).
        return asset.estimatedCost.map { ($0 + asset.estimatedJudgeCost) * Double(calls) }
    }

    /// An output is a hand edit when it exists and is none of the images generate-assets made: not the
    /// lock's, not the cached one for these inputs, and no image in the cache at all (a run interrupted
    /// after writing an output but before recording it leaves one of those).
    func isHandEdited(onDisk: ContentHash?, entry: LockEntry?, cached: ContentHash?) throws -> Bool {
        guard let onDisk, onDisk != entry?.outputSHA256, onDisk != cached else { return false }
        return !(try cache?.hasBlob(onDisk) ?? false)
    }
}
