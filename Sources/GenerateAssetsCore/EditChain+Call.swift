import AssetCache
import AssetFingerprint
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

extension EditChainRunner {
    /// What a turn is called in messages: "turn 0 (the prompt)" or "edit turn 2 of 3".
    func name(_ turn: Turn, of last: Int) -> String {
        turn.number == 0 ? "turn 0 (the prompt)" : "edit turn \(turn.number) of \(last)"
    }

    /// The request for one turn: its text, references and config, after the whole conversation so far.
    func request(
        _ turn: Turn, references: [ReferenceImage], history: [ConversationTurn], variant: Int,
        authorizeBilledRetry: @escaping @Sendable () -> Bool = { true }
    ) -> GenerationRequest {
        var request = GenerationRequest(
            assetID: asset.id, fingerprint: turn.fingerprint, prompt: turn.prompt,
            config: AssetWorker.config(turn.config, variant: variant), model: asset.model,
            pixelSize: asset.model?.pixelSize(
                aspectRatio: turn.config.aspectRatio ?? "1:1", imageSize: turn.config.imageSize),
            references: references, outputFormat: asset.outputFormat, authorizeBilledRetry: authorizeBilledRetry)
        request.variant = variant
        request.history = history
        request.keepsConversation = true
        return request
    }

    /// Calls the provider for one turn with the history so far, reserving its estimate first, and stores the
    /// answer (its model content, image, usage and cost) under the turn's fingerprint before anything else.
    func call(
        _ turn: Turn, of last: Int, references: [ReferenceImage], history: [ConversationTurn], variant: Int,
        inputs: AssetInputs, cache: CacheStore
    ) async throws -> (StoredEditTurn, Data, GenerationResult) {
        let provider = context.provider
        let estimate = provider.isFree ? 0 : (asset.model?.imagePrice(imageSize: turn.config.imageSize) ?? 0)
        let reservation = try worker.reserve(
            estimate, what: "\(name(turn, of: last)) not started",
            fix: "run again with a higher --max-cost; the turns made so far are cached and not paid for again")
        let budget = engine.budget
        let request = request(
            turn, references: references, history: history, variant: variant,
            authorizeBilledRetry: { budget.extend(reservation) })
        let (stored, generated) = try await worker.callProvider(
            request, estimate: estimate, reservation: reservation, cache: cache,
            failed: { explained($0, turn: turn, of: last) },
            keep: { generated, started, finished in
                let stored = try keep(
                    generated, turn: turn, inputs: inputs, cache: cache, started: started, finished: finished)
                return (stored, generated)
            })
        guard turn.number == last || ImageFormat.sniff(generated.image) != nil else {
            throw ProviderError(.malformed, "\(name(turn, of: last)) answered bytes that are not an image")
        }
        return (stored, generated.image, generated)
    }

    /// Stores a turn's answer under its fingerprint (see `EditTurnKeeper`).
    func keep(
        _ generated: GenerationResult, turn: Turn, inputs: AssetInputs, cache: CacheStore, started: Date, finished: Date
    ) throws -> StoredEditTurn {
        let provider = context.provider
        return try EditTurnKeeper(
            assetID: asset.id, provider: provider.id, model: asset.modelID, isPlaceholder: provider.isPlaceholder
        ).keep(
            generated, turn: turn.number, fingerprint: turn.fingerprint, prompt: turn.prompt, inputs: inputs,
            cache: cache, started: started, finished: finished)
    }

    /// The provider's error, naming the turn; a refused thought signature says the stored history is damaged.
    func explained(_ error: ProviderError, turn: Turn, of last: Int) -> ProviderError {
        var explained = error
        let signature =
            error.message.contains("thought_signature") || error.message.contains("Thought signature")
            || error.message.contains("MISSING_THOUGHT_SIGNATURE")
        if signature {
            explained.message =
                "\(name(turn, of: last)) of '\(asset.id)' was refused: the stored history of its earlier turns is damaged (a replayed thought signature is missing or does not match): \(error.message)"
            explained.fix =
                "run 'generate-assets cache verify' to find the damaged turn, then 'generate-assets cache verify --repair' to drop it; the next run makes the chain again from the last sound turn"
        } else {
            explained.message =
                "\(name(turn, of: last)) failed: \(error.message)"
                + (turn.number > 0 ? " (the turns before it stay cached)" : "")
        }
        return explained
    }
}
