import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// The images git history holds for a plan's inputs, found before anything is written: to the planner they
/// look cached (over the real cache), so `status`, `generate --dry-run` and `generate` plan a restore from
/// history the same way, and only `generate` stores them (`store(into:)`).
final class HistoryFinds: CachedImageLookup, Sendable {
    /// One committed version found for an asset's current fingerprint.
    struct Find {
        var version: CommittedImages.Version
        var fingerprint: ContentHash
        var inputs: AssetInputs
        var asset: ResolvedAsset
        /// The chosen answer, the committed output when converted from it, and every image it brings.
        var answer: ContentHash
        var output: ContentHash?
        var blobs: Set<ContentHash>
    }

    /// An image committed for an asset's current inputs that this clone lacks (only its hash is in git).
    struct Missing {
        var asset: String
        var fingerprint: ContentHash
        var commit: String
        var image: ContentHash
    }

    let base: (any CachedImageLookup)?
    private let state = LockedValue((finds: [ContentHash: Find](), missing: [String: Missing]()))
    /// Edit turns the lock records that the cache lacks, read from git, by turn fingerprint (`HistoryTurns`).
    let turns = LockedValue<[ContentHash: (turn: StoredEditTurn, image: Data)]>([:])

    init(base: (any CachedImageLookup)?) { self.base = base }

    var finds: [Find] { state.withValue { Array($0.finds.values) } }
    /// True when nothing was found to store: no image, no edit turn.
    var isEmpty: Bool { state.withValue { $0.finds.isEmpty } && turns.withValue { $0.isEmpty } }
    var missing: [Missing] { state.withValue { $0.missing.values.sorted { $0.asset < $1.asset } } }

    func add(_ version: CommittedImages.Version, fingerprint: ContentHash, inputs: AssetInputs, asset: ResolvedAsset) {
        let answer = SHA256.hash(version.answer)
        let output = version.convertedOutput.map(SHA256.hash)
        var blobs: Set<ContentHash> = [answer]
        if let output { blobs.insert(output) }
        blobs.formUnion(version.variants.map { SHA256.hash($0.1) })
        let find = Find(
            version: version, fingerprint: fingerprint, inputs: inputs, asset: asset, answer: answer, output: output,
            blobs: blobs)
        state.withValue {
            $0.finds[fingerprint] = find
            $0.missing[asset.id] = nil
        }
    }

    func addMissing(_ missing: Missing) { state.withValue { $0.missing[missing.asset] = missing } }

    func commit(of fingerprint: ContentHash) -> String? { state.withValue { $0.finds[fingerprint]?.version.commit } }

    func cachedImage(for fingerprint: ContentHash, as format: ImageFormat, preferring preferred: ContentHash?) throws
        -> CachedImage?
    {
        if let cached = try base?.cachedImage(for: fingerprint, as: format, preferring: preferred) { return cached }
        guard let find = state.withValue({ $0.finds[fingerprint] }) else { return nil }
        let sameFormat = ImageFormat.sniff(find.version.answer) == format
        return CachedImage(
            answer: find.answer, output: sameFormat ? find.answer : find.output,
            variants: max(1, find.version.variants.map(\.0).max() ?? 1))
    }

    func hasBlob(_ sha256: ContentHash) throws -> Bool {
        if try base?.hasBlob(sha256) ?? false { return true }
        return state.withValue { $0.finds.values.contains { $0.blobs.contains(sha256) } }
    }

    func hasEditTurn(_ fingerprint: ContentHash) throws -> Bool {
        if try base?.hasEditTurn(fingerprint) ?? false { return true }
        return turns.withValue { $0[fingerprint] != nil }
    }

    /// Puts every find into the cache with the original answer's provenance; what fails to go in is planned as a call.
    func store(into cache: CacheStore) {
        for (turn, image) in turns.withValue({ Array($0.values) }) { try? cache.storeEditTurn(turn, image: image) }
        for find in finds {
            try? CommittedImages.store(
                find.version, fingerprint: find.fingerprint, inputs: find.inputs, asset: find.asset, cache: cache)
        }
    }

    /// Says, on each plan restored from a find, that its image comes from git history.
    func annotate(_ plans: [AssetPlan]) -> [AssetPlan] {
        plans.map { plan in
            guard plan.isRestorable, let fingerprint = plan.fingerprint, let commit = commit(of: fingerprint)
            else { return plan }
            var plan = plan
            plan.reasons.append(.inHistory(commit: commit))
            return plan
        }
    }
}
