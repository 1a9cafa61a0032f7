import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// `--batch` for an edit chain: one turn per round, like a dependency level. Each round sends the first turn
/// the cache lacks, with the stored earlier turns replayed verbatim (signatures included); `batch wait`
/// stores its answer as the turn (`BatchCoordinator.keepTurn`) and submits the next turn, until the last.
extension EditChainRunner {
    /// The Batch items for the chain's next turn: one, or for the last turn one per variant still to make.
    func batchItems(_ plan: AssetPlan, inputs: AssetInputs, cache: CacheStore) throws -> [BatchItem] {
        let provider = context.provider
        let turns = turns(inputs)
        let last = turns.count - 1
        var history: [ConversationTurn] = []
        for turn in turns {
            let references = try references(of: turn, inputs: inputs, provider: provider)
            if turn.number < last, let stored = try cache.editTurn(turn.fingerprint), stored.model == asset.modelID,
                stored.provider == provider.id
            {
                history += [.user(prompt: turn.prompt, references: references), .model(content: stored.content)]
                continue
            }
            let variants =
                turn.number < last ? 1...1 : (plan.variantsMade + 1)...(plan.variantsMade + max(plan.calls, 1))
            return variants.map { variant in
                BatchItem(
                    asset: asset, inputs: inputs, fingerprint: turn.fingerprint, variant: variant,
                    request: request(turn, references: references, history: history, variant: variant))
            }
        }
        return []
    }
}

extension BatchJob.Request {
    /// Which turn of its chain the request is (0 for the prompt), when its inputs have edits.
    var editTurn: Int? {
        guard inputs.edits?.isEmpty == false else { return nil }
        return Fingerprint.turns(of: inputs).firstIndex(of: fingerprint)
    }

    /// The image size the request asked for: its turn's, for an edit turn.
    var imageSize: String? {
        guard let turn = editTurn, turn > 0 else { return inputs.config["image_size"] }
        return inputs.edits?[turn - 1].config["image_size"] ?? inputs.config["image_size"]
    }
}

extension BatchCoordinator {
    /// Stores an edit turn answered in a job as the synchronous path stores it. True when the answer is also
    /// the asset's image: a request that is no edit turn, or the chain's last turn.
    func keepTurn(_ request: BatchJob.Request, _ generated: GenerationResult, job: BatchJob, finished: Date) throws
        -> Bool
    {
        guard let turn = request.editTurn else { return true }
        let edits = request.inputs.edits ?? []
        _ = try EditTurnKeeper(assetID: request.assetID, provider: provider.id, model: job.model, isPlaceholder: false)
            .keep(
                generated, turn: turn, fingerprint: request.fingerprint,
                prompt: turn == 0 ? request.inputs.prompt : edits[turn - 1].prompt, inputs: request.inputs,
                cache: cache, started: job.createdAt, finished: finished, batchJob: job.name)
        return turn == edits.count
    }
}

extension BatchBook {
    /// The unfinished job that holds one of the plan's calls: for an edit chain, any of its turns.
    func pending(_ plan: AssetPlan) -> BatchJob? {
        Self.fingerprints(plan).lazy.compactMap { pending(plan.asset.id, $0) }.first
    }

    /// Why the last job for the plan's inputs (for a chain, a turn still to make) brought no image.
    func failure(_ plan: AssetPlan, cache: CacheStore?) -> StaleReason? {
        let chain = plan.inputs?.edits?.isEmpty == false
        return Self.fingerprints(plan).lazy.filter { !chain || (try? cache?.hasEditTurn($0)) != true }
            .compactMap { failure(plan.asset.id, $0) }.first
    }

    /// The asset's fingerprint, then for an edit chain every turn's, last first.
    static func fingerprints(_ plan: AssetPlan) -> [ContentHash] {
        guard let inputs = plan.inputs, inputs.edits?.isEmpty == false else {
            return plan.fingerprint.map { [$0] } ?? []
        }
        return Fingerprint.turns(of: inputs).reversed()
    }
}
