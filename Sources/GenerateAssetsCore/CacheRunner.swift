import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// The logic of `cache gc`: which blobs are still needed.
package enum CacheRunner {
    /// Plans the collection: blobs in `assets.lock`, images of current fingerprints (every turn of an edit
    /// chain, as planned and as locked), and anything newer than `keepDays` days are kept.
    package static func garbage(_ context: ProjectContext, keepDays: Int, dryRun: Bool) throws -> CollectionReport {
        guard let cache = context.cache else { return CollectionReport(blobs: [], bytes: 0, results: 0) }
        let keep = Set(
            context.lock.assets.values.flatMap { [$0.outputSHA256] + ($0.renditions ?? []).map(\.outputSHA256) })
        let plans = try context.planner(force: false).plan(context.project.assets)
        // An edit chain needs every turn, not only its last: a later change starts from the stored earlier turns.
        let turns =
            plans.compactMap(\.inputs).flatMap(Self.editTurns)
            + context.lock.assets.values.flatMap { Self.editTurns($0.inputs) + ($0.turns ?? []).map(\.fingerprint) }
        let fingerprints = Set(
            plans.compactMap(\.fingerprint) + context.lock.assets.values.map(\.fingerprint) + turns)
        let cutoff = context.clock.now().addingTimeInterval(-Double(keepDays) * 86_400)
        return try cache.collectGarbage(keep: keep, keepFingerprints: fingerprints, cutoff: cutoff, dryRun: dryRun)
    }

    /// The turn fingerprints of inputs with edits (none without).
    static func editTurns(_ inputs: AssetInputs) -> [ContentHash] {
        inputs.edits?.isEmpty == false ? Fingerprint.turns(of: inputs) : []
    }
}
