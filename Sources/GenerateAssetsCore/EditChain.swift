import AssetCache
import AssetFingerprint
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

/// Runs an asset's edit chain (`edits:`) for one variant of its last turn. Turn 0 is the asset's prompt,
/// references and config; turn k is edit k, sent with the whole conversation so far: every earlier user
/// turn and every model turn replayed exactly as stored. Turns whose fingerprint the cache holds are not
/// called again; each turn made is stored (its full answer) before the next starts, so a failure at turn k
/// keeps turns 0…k−1. The budget is reserved turn by turn.
struct EditChainRunner {
    let worker: AssetWorker

    var engine: GenerateEngine { worker.engine }
    var context: ProjectContext { worker.context }
    var asset: ResolvedAsset { worker.asset }

    /// One turn as the chain sees it: its text, config and fingerprint.
    struct Turn {
        var number: Int
        var prompt: String
        var config: GenerationConfig
        var fingerprint: ContentHash
    }

    func turns(_ inputs: AssetInputs) -> [Turn] {
        let prints = Fingerprint.turns(of: inputs)
        return prints.enumerated().map { index, print in
            index == 0
                ? Turn(number: 0, prompt: asset.prompt, config: asset.config, fingerprint: print)
                : Turn(
                    number: index, prompt: asset.edits[index - 1].prompt, config: asset.edits[index - 1].config,
                    fingerprint: print)
        }
    }

    /// Makes variant `after + 1` of the last turn, running every turn the cache does not hold, and stores it
    /// as a variant of the asset's fingerprint (the last turn's).
    func generate(inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore, after: Int) async throws
        -> CachedVariant
    {
        let provider = context.provider
        let turns = turns(inputs)
        let last = turns.count - 1
        var history: [ConversationTurn] = []
        var spent = 0.0
        var final: (StoredEditTurn, Data, GenerationResult?)?
        for turn in turns {
            let references = try references(of: turn, inputs: inputs, provider: provider)
            // The last turn is asked again for each further variant; earlier turns come from the cache when held.
            if turn.number < last || after == 0, let stored = try cache.editTurn(turn.fingerprint),
                stored.model == asset.modelID, stored.provider == provider.id,
                let image = try cache.blob(stored.imageSHA256)
            {
                history += [.user(prompt: turn.prompt, references: references), .model(content: stored.content)]
                if turn.number == last { final = (stored, image, nil) }
                continue
            }
            let (stored, image, generated) = try await call(
                turn, of: last, references: references, history: history, variant: turn.number == last ? after + 1 : 1,
                inputs: inputs, cache: cache)
            spent += generated.costUSD ?? 0
            history += [.user(prompt: turn.prompt, references: references), .model(content: stored.content)]
            if turn.number == last { final = (stored, image, generated) }
        }
        guard let (stored, image, generated) = final else {
            throw UserFacingError("internal error: the edit chain of '\(asset.id)' has no last turn")
        }
        let now = context.clock.now()
        let result = CachedResult(
            fingerprint: fingerprint, blobSHA256: stored.imageSHA256, provider: provider.id, model: asset.modelID,
            isPlaceholder: provider.isPlaceholder, modelVersion: stored.modelVersion,
            responseID: generated?.responseID, text: generated?.text,
            thoughtSignatures: generated?.thoughtSignatures ?? [], usage: stored.usage, costUSD: spent, inputs: inputs,
            startedAt: now, finishedAt: now)
        let number = try cache.storeVariant(result, image: image, atLeast: after + 1, choose: false)
        return CachedVariant(number: number, result: result)
    }

    /// Reads a turn's references (the asset's for turn 0, the edit's after) and checks them against the plan.
    func references(of turn: Turn, inputs: AssetInputs, provider: any ImageProvider) throws -> [ReferenceImage] {
        guard provider.readsReferences else { return [] }
        if turn.number == 0 { return try worker.loadReferences(planned: inputs) }
        let planned = inputs.edits?[turn.number - 1].references ?? []
        return try zip(asset.edits[turn.number - 1].references, planned).map {
            try worker.loadReference($0, planned: $1, of: "edit \(turn.number)")
        }
    }
}
