import AssetFingerprint
import AssetManifest
import AssetSupport

/// Whether an asset's output already matches its inputs.
public enum AssetState: String, Sendable, Codable { case fresh, stale }

/// The decision for one asset, with every reason.
public struct AssetPlan: Sendable {
    public var asset: ResolvedAsset
    public var state: AssetState
    public var reasons: [String]
    /// Nil while an upstream asset's new output is not known yet.
    public var inputs: AssetInputs?
    public var fingerprint: ContentHash?
    /// The hash of the output on disk now, if any.
    public var outputOnDisk: ContentHash?
    /// The cached answer for `fingerprint`, when the cache has it: restoring costs nothing.
    public var cachedAnswer: ContentHash?
    /// The output that answer gives in the output's format, when already known.
    public var cachedImage: ContentHash?
    /// The output exists but was not written by this tool for these inputs or the last ones.
    public var outputModified: Bool
    /// The output matches but `assets.lock` needs its entry (a run stopped before updating it).
    public var needsLockUpdate: Bool
    /// The list price of generating it, 0 when fresh, restorable or from a free provider; nil if unknown.
    public var estimatedCost: Double?

    public var isRestorable: Bool { state == .stale && cachedAnswer != nil }

    /// The output's hash once this plan is carried out, when it can be known in advance.
    public var expectedOutput: ContentHash? {
        state == .fresh ? outputOnDisk : cachedImage
    }
}

/// Decides, asset by asset, what is fresh and what is stale and why. It reads files only through the
/// stat-cached hasher, so a no-op plan reads no file.
public struct Planner: Sendable {
    public let provider: String
    public let providerIsFree: Bool
    public let lock: Lockfile
    public let hasher: FileHasher
    public let cache: CachedImageLookup?
    public let force: Bool

    public init(provider: String, providerIsFree: Bool, lock: Lockfile, hasher: FileHasher, cache: CachedImageLookup?, force: Bool = false) {
        self.provider = provider
        self.providerIsFree = providerIsFree
        self.lock = lock
        self.hasher = hasher
        self.cache = cache
        self.force = force
    }

    /// Plans `assets` (upstream first), feeding each asset's expected output to its dependents.
    public func plan(_ assets: [ResolvedAsset]) throws -> [AssetPlan] {
        var paths: [String] = []
        paths.reserveCapacity(assets.count * 2)
        for asset in assets {
            paths.append(asset.output)
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

    /// Evaluates one asset, given the output hashes its upstream assets will have (missing: not known yet).
    public func evaluate(_ asset: ResolvedAsset, upstream: [String: ContentHash]) throws -> AssetPlan {
        var hashes: [ContentHash] = []
        var pending: [String] = []
        for reference in asset.references {
            switch reference {
            case .file(let path, _):
                guard let hash = try hasher.hash(path) else {
                    throw UserFacingError("reference '\(path)' of asset '\(asset.id)' disappeared during the run", fix: "restore the file and run again")
                }
                hashes.append(hash)
            case .asset(let id):
                if let hash = upstream[id] { hashes.append(hash) } else { pending.append(id) }
            }
        }
        let entry = lock.assets[asset.id]
        let onDisk = try hasher.hash(asset.output)
        var plan = AssetPlan(asset: asset, state: .stale, reasons: [], inputs: nil, fingerprint: nil, outputOnDisk: onDisk, cachedAnswer: nil, cachedImage: nil,
                             outputModified: false, needsLockUpdate: false, estimatedCost: nil)
        guard pending.isEmpty else {
            plan.reasons = pending.map { "upstream asset '\($0)' will be regenerated" }
            plan.outputModified = try isHandEdited(onDisk: onDisk, entry: entry, cached: nil)
            plan.estimatedCost = providerIsFree ? 0 : asset.estimatedCost
            return plan
        }
        let inputs = AssetInputs(asset: asset, provider: provider, referenceHashes: hashes)
        let fingerprint = Fingerprint.of(inputs)
        plan.inputs = inputs
        plan.fingerprint = fingerprint
        if let entry, entry.fingerprint == fingerprint, entry.output == asset.output, let onDisk, onDisk == entry.outputSHA256, !force {
            plan.state = .fresh
            plan.estimatedCost = 0
            return plan
        }
        let cached = try cache?.cachedImage(for: fingerprint, as: asset.outputFormat)
        plan.cachedAnswer = cached?.answer
        plan.cachedImage = cached?.output
        if entry?.fingerprint != fingerprint || entry?.output != asset.output, let onDisk, onDisk == plan.cachedImage, !force {
            // The image is right; only the lock is behind (an interrupted run).
            plan.state = .fresh
            plan.needsLockUpdate = true
            plan.estimatedCost = 0
            return plan
        }
        if force { plan.reasons.append("forced") }
        if let entry {
            if entry.fingerprint != fingerprint { plan.reasons += StaleReasons.between(old: entry.inputs, new: inputs) }
            if entry.output != asset.output { plan.reasons.append("output moved (\(entry.output) → \(asset.output))") }
        } else {
            plan.reasons.append("new")
        }
        if onDisk == nil, entry != nil { plan.reasons.append("output missing") }
        plan.outputModified = try isHandEdited(onDisk: onDisk, entry: entry, cached: plan.cachedImage)
        if plan.outputModified {
            plan.reasons.append(entry == nil ? "output exists but was not made by generate-assets" : "output modified since it was generated")
        }
        plan.estimatedCost = plan.cachedAnswer != nil || providerIsFree ? 0 : asset.estimatedCost
        return plan
    }

    /// An output is a hand edit when it exists and is none of the images generate-assets made: not the
    /// lock's, not the cached one for these inputs, and no image in the cache at all (a run interrupted
    /// after writing an output but before recording it leaves one of those).
    func isHandEdited(onDisk: ContentHash?, entry: LockEntry?, cached: ContentHash?) throws -> Bool {
        guard let onDisk, onDisk != entry?.outputSHA256, onDisk != cached else { return false }
        return !(try cache?.hasBlob(onDisk) ?? false)
    }
}
