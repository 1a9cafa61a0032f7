import AssetManifest
import AssetSupport

/// Answers served by another model: since 2026-10-08 Google routes some retired ids to their replacements
/// and bills the replacement's price; only the answer's `modelVersion` says so.
extension GenerationResult {
    /// The model that answered, when the answer's `modelVersion` names one other than `requested`; else nil.
    /// Ids are compared whole (a `models/` resource prefix aside), never parsed.
    package func servedModel(insteadOf requested: String) -> String? {
        ServedModel.differing(modelVersion, from: requested)
    }

    /// The cost at the serving model's prices when the built-in table knows that model; unchanged otherwise.
    mutating func repriceForServingModel(requested: String, imageSize: String?) {
        guard let served = servedModel(insteadOf: requested), let row = ModelCatalog.builtIn.model(served),
            let cost = GeminiResponse.cost(usage: usage, model: row, imageSize: imageSize)
        else { return }
        costUSD = cost
    }
}
