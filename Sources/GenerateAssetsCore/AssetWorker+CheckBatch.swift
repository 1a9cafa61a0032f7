import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// A re-roll that goes into the next Batch API round instead of an ordinary call (`generate --batch`).
struct ReRollQueued: Error {
    var outcome: AssetOutcome
}

extension AssetWorker {
    /// With `--batch`, queues the next variant for the job this run submits and stops here (nothing is written);
    /// while applying a job's answers (`batch wait`), says how to queue it. Without either it returns: the
    /// re-roll is an ordinary call.
    func queueReRoll(variant: Int, inputs: AssetInputs, fingerprint: ContentHash, verdicts: [CheckVerdict]) throws {
        if engine.options.restoreOnly {
            throw AssetFailure(
                .checksFailed,
                "\(CheckJudging.describe(verdicts)); \((asset.checks?.attempts ?? 1) - verdicts.count) attempt(s) left, nothing was written",
                fix:
                    "run 'generate-assets --batch' to queue the next attempt in a batch job (or 'generate-assets' to make it now)"
            )
        }
        guard engine.options.batch else { return }
        let references = try loadReferences(planned: inputs)
        let request = self.request(variant: variant, fingerprint: fingerprint, references: references)
        engine.batchQueue.withValue {
            $0.append(
                BatchItem(asset: asset, inputs: inputs, fingerprint: fingerprint, variant: variant, request: request))
        }
        var held = outcome(.stale, placeholder: false)
        held.action = .wait
        held.reasons.append(.submittedInBatch)
        held.estimatedCostUSD = asset.estimatedBatchCost
        throw ReRollQueued(outcome: held)
    }
}
