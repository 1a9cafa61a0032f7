import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport

extension LockEntry {
    /// The entry for `asset`'s output written from a cached variant; `variants` and `picked` are recorded
    /// only when there is more than one.
    init(
        asset: ResolvedAsset, chosen: CachedVariant, inputs: AssetInputs, output: ContentHash,
        answerFormat: ImageFormat?, variants: Int
    ) {
        let many = variants > 1
        self.init(
            output: asset.output, fingerprint: chosen.result.fingerprint, outputSHA256: output,
            answerSHA256: chosen.result.blobSHA256,
            answerFormat: answerFormat, provider: chosen.result.provider, model: chosen.result.model,
            placeholder: chosen.result.isPlaceholder,
            inputs: inputs, variants: many ? variants : nil, picked: many ? chosen.number : nil,
            servedBy: ServedModel.differing(chosen.result.modelVersion, from: chosen.result.model))
    }

    /// The cached variant this entry's output was written from, when the cache has it.
    func recordedVariant(in cache: CacheStore) throws -> CachedVariant? {
        let variants = try cache.variants(of: fingerprint).filter { $0.result.blobSHA256 == answerSHA256 }
        return variants.first { $0.number == (picked ?? 1) } ?? variants.first
    }
}
