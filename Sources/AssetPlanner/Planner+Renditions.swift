import AssetFingerprint
import AssetManifest
import AssetSupport

/// The decision for one file made from an asset's image.
package struct RenditionPlan: Sendable {
    package enum Kind: Sendable {
        /// An image made from the asset's image (a rendition, a catalog set's image).
        case image(RenditionSpec)
        /// A catalog set's `Contents.json`.
        case contents(CatalogSet)
        /// The `.xcassets` folder's own `Contents.json`, written when missing.
        case catalogFolder
    }

    package var kind: Kind
    package var output: String
    package var recipe: String
    package var state: AssetState
    package var reasons: [StaleReason]
    /// Nil while the image it is made from is not known (it is about to be generated).
    package var fingerprint: ContentHash?
    package var onDisk: ContentHash?
    /// The file exists but is not what generate-assets wrote: it is not overwritten without --force.
    package var modified = false

    package var isImage: Bool { if case .image = kind { true } else { false } }
}

extension AssetPlan {
    /// True when any file made from the image must be made again.
    package var hasStaleRenditions: Bool { renditions.contains { $0.state == .stale } }

    /// The image the renditions are made from, when known: the recorded one for a fresh asset or a frozen
    /// one whose image is kept, the cached one otherwise.
    package var sourceImage: ContentHash? {
        (state == .fresh && !needsLockUpdate) || kept ? lockedAnswer : cachedAnswer
    }
}

extension Planner {
    /// Plans the files made from the asset's image. A fresh asset with a stale rendition stays fresh (only
    /// the rendition is made again, from the cached image, with no call), unless that image is neither in
    /// the cache nor in its output file: then the image itself must be made again.
    func planRenditions(_ plan: inout AssetPlan) throws {
        let asset = plan.asset
        guard !asset.renditions.isEmpty || asset.catalog?.set != nil else { return }
        let entry = lock.assets[asset.id]
        if let entry, let fingerprint = plan.fingerprint, entry.fingerprint == fingerprint {
            plan.lockedAnswer =
                try entry.answerSHA256 ?? cache?.cachedImage(for: fingerprint, as: asset.outputFormat)?.answer
        } else if plan.kept, let entry {
            // Frozen: the files are made from the committed image, whatever the inputs say now.
            plan.lockedAnswer = entry.answerSHA256
        }
        let recorded = Dictionary(
            (entry?.renditions ?? []).map { ($0.output, $0) }, uniquingKeysWith: { first, _ in first })
        let source = plan.sourceImage
        plan.renditions = try asset.renditions.map { try planImage($0, source: source, recorded: recorded[$0.output]) }
        if let set = asset.catalog?.set { plan.renditions += try planCatalog(set, recorded: recorded) }
        guard plan.state == .fresh || plan.kept, plan.hasStaleRenditions else { return }
        for rendition in plan.renditions where rendition.state == .stale {
            plan.reasons += rendition.reasons.map { .file(rendition.output, $0) }
        }
        guard !plan.kept else { return }
        let needsImage = plan.renditions.contains { $0.state == .stale && $0.isImage }
        if needsImage, try !imageAvailable(source, plan: plan) {
            plan.state = .stale
            plan.needsLockUpdate = false
            plan.cachedAnswer = nil
            if entry?.placeholder == false, let fix = lostImageFix?(asset.id) {
                // Committed art: a new image would replace it. No call; the files stay stale until it is fetched.
                plan.unrecoverable = true
                plan.estimatedCost = 0
                plan.reasons.append(.imageNotInClone(fix: fix))
                return
            }
            plan.calls = max(plan.calls, 1)
            plan.variantsMade = 0  // the one the lock records is gone: it is made again under its own number
            plan.reasons.append(.imageLost)
            plan.estimatedCost = providerIsFree ? 0 : asset.estimatedCost
        }
    }

    func planImage(_ spec: RenditionSpec, source: ContentHash?, recorded: RenditionRecord?) throws -> RenditionPlan {
        let fingerprint = source.map { DerivedFingerprint.of(source: $0, recipe: spec.recipe) }
        let onDisk = try hasher.hash(spec.output)
        var plan = RenditionPlan(
            kind: .image(spec), output: spec.output, recipe: spec.recipe, state: .stale, reasons: [],
            fingerprint: fingerprint, onDisk: onDisk)
        if let fingerprint, fingerprint == recorded?.fingerprint, onDisk == recorded?.outputSHA256, !force {
            plan.state = .fresh
            return plan
        }
        if force { plan.reasons.append(.forced) }
        if let recorded {
            if recorded.recipe != spec.recipe {
                plan.reasons += RecipeChanges.between(old: recorded.recipe, new: spec.recipe)
            } else if fingerprint != recorded.fingerprint {
                plan.reasons.append(.madeFromNewImage)
            }
            if onDisk == nil { plan.reasons.append(.missing) }
        } else {
            plan.reasons.append(.new)
        }
        if let onDisk, onDisk != recorded?.outputSHA256, try !(cache?.hasBlob(onDisk) ?? false) {
            plan.modified = true
            plan.reasons.append(recorded == nil ? .fileNotMadeByTool : .fileModified)
        }
        return plan
    }

    /// The set's `Contents.json` (fresh while its recipe and bytes are as recorded; a changed file is merged,
    /// never refused) and the catalog folder's (fresh while it exists).
    package func planCatalog(_ set: CatalogSet, recorded: [String: RenditionRecord]) throws -> [RenditionPlan] {
        var plans: [RenditionPlan] = []
        let old = recorded[set.contentsPath]
        let onDisk = try hasher.hash(set.contentsPath)
        var contents = RenditionPlan(
            kind: .contents(set), output: set.contentsPath, recipe: set.recipe, state: .stale, reasons: [],
            fingerprint: DerivedFingerprint.of(source: nil, recipe: set.recipe), onDisk: onDisk)
        if old?.recipe == set.recipe, onDisk != nil, onDisk == old?.outputSHA256, !force {
            contents.state = .fresh
        } else if old?.recipe == set.recipe, onDisk != nil, !force, try ownedPartUnchanged(set) {
            contents.state = .fresh  // edited outside, in keys and entries the tool does not own
        } else if old == nil {
            contents.reasons.append(.new)
        } else if old?.recipe != set.recipe {
            contents.reasons.append(.setImagesChanged)
        } else {
            contents.reasons.append(onDisk == nil ? .missing : force ? .forced : .contentsEditedOutside)
        }
        plans.append(contents)
        if let folder = set.catalogContentsPath {
            let exists = try hasher.hash(folder)
            plans.append(
                RenditionPlan(
                    kind: .catalogFolder, output: folder, recipe: CatalogSet.catalogRecipe,
                    state: exists == nil ? .stale : .fresh,
                    reasons: exists == nil ? [.missing] : [],
                    fingerprint: DerivedFingerprint.of(source: nil, recipe: CatalogSet.catalogRecipe), onDisk: exists))
        }
        return plans
    }

    /// True when the set's `Contents.json` lists exactly the set's existing images as generate-assets writes
    /// them: an edit elsewhere in the file (Xcode's "Render As", `properties`, other entries) is not staleness.
    func ownedPartUnchanged(_ set: CatalogSet) throws -> Bool {
        guard let data = FileContents.read(hasher.root + "/" + set.contentsPath) else { return false }
        let present = try set.images.filter { try hasher.hash(set.folder + "/" + $0.filename) != nil }
        return set.ownedPartMatches(data, present: present)
    }

    /// True when the image renditions are made from can be read without the provider: from the cache, or
    /// from the asset's output file when that holds the image's very bytes or every one of its pixels.
    func imageAvailable(_ source: ContentHash?, plan: AssetPlan) throws -> Bool {
        guard let source else { return false }
        if try cache?.hasBlob(source) ?? false { return true }
        if inHistory?(source) == true { return true }
        return plan.asset.hasOutputFile
            && (plan.outputOnDisk == source
                || lock.assets[plan.asset.id].map {
                    $0.holdsPixels(of: source, onDisk: plan.outputOnDisk, format: plan.asset.outputFormat)
                } == true)
    }
}

extension LockEntry {
    /// True when the output on disk is the one this entry records, written losslessly (PNG, or WebP, which
    /// generate-assets writes lossless) from `answer`: its pixels are the answer's, so the files made from
    /// the image can be made from it when the answer itself is gone with the cache.
    package func holdsPixels(of answer: ContentHash, onDisk: ContentHash?, format: ImageFormat) -> Bool {
        answerSHA256 == answer && onDisk != nil && onDisk == outputSHA256 && [.png, .webp].contains(format)
    }
}
