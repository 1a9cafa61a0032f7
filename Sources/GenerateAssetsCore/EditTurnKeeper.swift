import AssetCache
import AssetFingerprint
import AssetProviders
import AssetSupport
import Foundation

/// Stores an edit turn's answer under the turn's fingerprint: the same for a synchronous call and for a
/// Batch API answer, so a chain made either way replays the same stored history.
struct EditTurnKeeper {
    var assetID: String
    var provider: String
    var model: String
    var isPlaceholder: Bool

    /// Keeps the turn (the model's content with its signatures, the image, usage, model version, cost); turn 0's
    /// image also becomes the asset's image without edits, so removing every edit restores it at no cost.
    func keep(
        _ generated: GenerationResult, turn: Int, fingerprint: ContentHash, prompt: String, inputs: AssetInputs,
        cache: CacheStore, started: Date, finished: Date, batchJob: String? = nil
    ) throws -> StoredEditTurn {
        let hash = SHA256.hash(generated.image)
        let stored = StoredEditTurn(
            fingerprint: fingerprint, assetID: assetID, turn: turn, provider: provider, model: model, prompt: prompt,
            content: generated.modelContent ?? Self.plainContent(generated), imageSHA256: hash,
            modelVersion: generated.modelVersion, usage: generated.usage, costUSD: generated.costUSD)
        try cache.storeEditTurn(stored, image: generated.image)
        if turn == 0, try cache.lastVariant(of: fingerprint) == 0 {
            var base = inputs
            base.edits = nil
            try cache.storeVariant(
                CachedResult(
                    fingerprint: fingerprint, blobSHA256: hash, provider: provider, model: model,
                    isPlaceholder: isPlaceholder, modelVersion: generated.modelVersion,
                    responseID: generated.responseID, text: generated.text,
                    thoughtSignatures: generated.thoughtSignatures, usage: generated.usage,
                    costUSD: generated.costUSD, inputs: base, startedAt: started, finishedAt: finished,
                    batchJob: batchJob),
                image: generated.image, choose: false)
        }
        return stored
    }

    /// A model turn for providers that keep no content (the placeholder): its image as one inline part.
    static func plainContent(_ generated: GenerationResult) -> Data {
        let part: [String: Any] = [
            "inlineData": ["data": generated.image.base64EncodedString(), "mimeType": generated.format.mimeType]
        ]
        return (try? ModelContent.encode(["parts": [part], "role": "model"])) ?? Data()
    }
}
