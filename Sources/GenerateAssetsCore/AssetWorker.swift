import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// Carries out the plan for one asset: leave it, restore it from the cache, or generate it.
/// Order matters for money: a new image goes into the cache before its output is written, so an
/// image that was paid for survives any failure after the call.
struct AssetWorker {
    let engine: GenerateEngine
    let plan: AssetPlan

    var context: ProjectContext { engine.context }
    var asset: ResolvedAsset { plan.asset }

    func outcome(_ state: AssetOutcome.State, placeholder: Bool, cost: Double? = nil) -> AssetOutcome {
        AssetOutcome(id: asset.id, output: asset.output, state: state, reasons: plan.reasons, action: nil, error: nil, fingerprint: plan.fingerprint?.hex,
                     model: asset.modelID, placeholder: placeholder, modified: false, estimatedCostUSD: plan.estimatedCost, costUSD: cost, durationSeconds: nil)
    }

    func run() async throws -> (AssetOutcome, ContentHash?) {
        guard let inputs = plan.inputs, let fingerprint = plan.fingerprint else {
            throw UserFacingError("internal error: '\(asset.id)' was planned before its upstream assets finished")
        }
        guard let cache = context.cache else { throw UserFacingError("internal error: no cache") }
        if plan.state == .fresh {
            let entry = context.lock.assets[asset.id]
            var placeholder = entry?.placeholder ?? false
            if plan.needsLockUpdate, let result = try cache.result(for: fingerprint) {
                placeholder = result.isPlaceholder
                engine.record(lockEntry(result, inputs: inputs), for: asset.id)
            }
            return (outcome(.fresh, placeholder: placeholder), plan.outputOnDisk)
        }
        if plan.outputModified, !engine.options.force {
            throw UserFacingError("\(asset.output) was changed outside generate-assets; refusing to overwrite it",
                                  fix: "keep your edit by moving it elsewhere (or making it a reference), or run with --force to replace it")
        }
        if let result = try cache.result(for: fingerprint), let image = try cache.blob(result.blobSHA256) {
            try checkFormat(image)
            try write(image, sha256: result.blobSHA256)
            engine.record(lockEntry(result, inputs: inputs), for: asset.id)
            return (outcome(.restored, placeholder: result.isPlaceholder, cost: 0), result.blobSHA256)
        }
        let result = try await generate(inputs: inputs, fingerprint: fingerprint, cache: cache)
        return (outcome(.generated, placeholder: result.isPlaceholder, cost: result.costUSD), result.blobSHA256)
    }

    func generate(inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore) async throws -> CachedResult {
        let provider = context.provider
        guard engine.mayStartCall() else {
            throw ProviderError(.budget, String(format: "not started: spend reached --max-cost $%.2f", engine.options.maxCost ?? 0),
                                fix: "run again with a higher --max-cost to generate the rest")
        }
        let request = GenerationRequest(assetID: asset.id, fingerprint: fingerprint, prompt: asset.prompt, config: asset.config,
                                        model: asset.model, pixelSize: asset.pixelSize,
                                        references: provider.readsReferences ? try loadReferences() : [])
        let started = context.clock.now()
        engine.countCall()
        let generated: GenerationResult
        do {
            generated = try await provider.generate(request)
        } catch let error as ProviderError {
            try? cache.logCall(CallRecord(startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID,
                                          status: error.kind == .blocked ? "blocked" : "failed", httpStatus: error.httpStatus, attempts: error.attempts,
                                          duration: context.clock.now().timeIntervalSince(started), error: error.message))
            throw error
        }
        let finished = context.clock.now()
        engine.addSpend(generated.costUSD)
        let hash = SHA256.hash(generated.image)
        let result = CachedResult(
            fingerprint: fingerprint, blobSHA256: hash, provider: provider.id, model: asset.modelID, isPlaceholder: provider.isPlaceholder,
            modelVersion: generated.modelVersion, responseID: generated.responseID, text: generated.text, thoughtSignatures: generated.thoughtSignatures,
            usage: generated.usage, costUSD: generated.costUSD, inputs: inputs, startedAt: started, finishedAt: finished)
        let usable = ImageFormat.sniff(generated.image) == .png
        // Paid for: keep it before anything else can fail. An unusable format is kept as a bare blob, not as
        // this fingerprint's result, so the next run asks again instead of restoring it.
        if usable { try cache.store(result, image: generated.image) } else { try cache.storeBlob(generated.image) }
        try? cache.logCall(CallRecord(startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID, status: usable ? "ok" : "unusable",
                                      attempts: generated.attempts, duration: finished.timeIntervalSince(started), usage: generated.usage, costUSD: generated.costUSD))
        try checkFormat(generated.image)
        try write(generated.image, sha256: hash)
        engine.record(lockEntry(result, inputs: inputs), for: asset.id)
        return result
    }

    /// Never writes bytes under a lying extension: the output is a .png, so the image must be PNG.
    func checkFormat(_ image: Data) throws {
        let actual = ImageFormat.sniff(image)
        guard actual == .png else {
            throw ProviderError(.malformed, "the image is \(actual?.mimeType ?? "not an image"), but \(asset.output) is a .png; nothing was written",
                                fix: "the paid-for image is kept in the cache as blob \(SHA256.hash(image).short); the Gemini API cannot be asked for PNG, so run again to retry")
        }
    }

    func loadReferences() throws -> [ReferenceImage] {
        try asset.references.map { reference in
            let path: String
            switch reference {
            case .file(let file, _): path = file
            case .asset(let id): path = context.project.asset(id)?.output ?? id
            }
            guard let data = FileManager.default.contents(atPath: context.absolute(path)) else {
                throw UserFacingError("cannot read reference \(path)", fix: "check that it exists and is readable")
            }
            guard let format = ImageFormat.sniff(data) else {
                throw UserFacingError("reference \(path) is not an image", fix: "export it as PNG or JPEG")
            }
            return ReferenceImage(name: path, data: data, format: format)
        }
    }

    func write(_ image: Data, sha256: ContentHash) throws {
        try AtomicFileWriter.write(image, to: context.absolute(asset.output))
        try context.hasher.noteWritten(asset.output, sha256: sha256)
    }

    func lockEntry(_ result: CachedResult, inputs: AssetInputs) -> LockEntry {
        LockEntry(output: asset.output, fingerprint: result.fingerprint, outputSHA256: result.blobSHA256, provider: result.provider,
                  model: result.model, placeholder: result.isPlaceholder, inputs: inputs)
    }
}
