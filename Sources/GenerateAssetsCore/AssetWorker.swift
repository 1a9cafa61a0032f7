import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// Carries out the plan for one asset: leave it, restore it from the cache, or generate it.
/// Order matters for money: every answer goes into the cache as its fingerprint's result before anything
/// else can fail, whatever its format, so an image that was paid for is never paid for again.
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
            var entry = context.lock.assets[asset.id]
            var placeholder = entry?.placeholder ?? false
            if plan.needsLockUpdate, let result = try cache.result(for: fingerprint) {
                placeholder = result.isPlaceholder
                entry = lockEntry(result, inputs: inputs, output: plan.outputOnDisk ?? result.blobSHA256)
            }
            return deliver(outcome(.fresh, placeholder: placeholder), entry: entry, record: plan.needsLockUpdate, image: nil, output: plan.outputOnDisk)
        }
        if plan.outputModified, !engine.options.force {
            throw UserFacingError("\(asset.output) was changed outside generate-assets; refusing to overwrite it",
                                  fix: "keep your edit by moving it elsewhere (or making it a reference), or run with --force to replace it")
        }
        if let result = try cache.result(for: fingerprint), let answer = try cache.blob(result.blobSHA256) {
            let output = try writeOutput(answer: answer, answerSHA256: result.blobSHA256, cache: cache)
            return deliver(outcome(.restored, placeholder: result.isPlaceholder, cost: 0), entry: lockEntry(result, inputs: inputs, output: output), image: answer, output: output)
        }
        return try await generate(inputs: inputs, fingerprint: fingerprint, cache: cache)
    }

    func generate(inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore) async throws -> (AssetOutcome, ContentHash?) {
        let provider = context.provider
        let estimate = provider.isFree ? 0 : (asset.estimatedCost ?? 0)
        guard let reservation = engine.budget.reserve(estimate) else {
            throw ProviderError(.budget, String(format: "not started: spent and in-flight calls would pass --max-cost $%.2f", engine.options.maxCost ?? 0),
                                fix: "run again with a higher --max-cost to generate the rest")
        }
        let references: [ReferenceImage]
        do {
            references = provider.readsReferences ? try loadReferences(planned: inputs) : []
        } catch {
            engine.budget.settle(reservation, cost: 0)
            throw error
        }
        let budget = engine.budget
        let request = GenerationRequest(assetID: asset.id, fingerprint: fingerprint, prompt: asset.prompt, config: asset.config,
                                        model: asset.model, pixelSize: asset.pixelSize, references: references, outputFormat: asset.outputFormat,
                                        authorizeBilledRetry: { budget.extend(reservation) })
        let started = context.clock.now()
        engine.countCall()
        let generated: GenerationResult
        do {
            generated = try await provider.generate(request)
        } catch let error as ProviderError {
            let held = Double(error.possiblyBilledAttempts) * estimate
            engine.budget.settle(reservation, cost: held)
            try? cache.logCall(CallRecord(startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID,
                                          status: error.kind == .blocked ? "blocked" : "failed", httpStatus: error.httpStatus, attempts: error.attempts,
                                          duration: context.clock.now().timeIntervalSince(started), error: error.message,
                                          possiblyBilled: error.possiblyBilledAttempts, reservedUSD: held > 0 ? held : nil))
            throw error
        }
        let finished = context.clock.now()
        let held = Double(generated.possiblyBilledAttempts) * estimate
        engine.budget.settle(reservation, cost: (generated.costUSD ?? 0) + held)
        engine.countUploads(generated.filesUploaded)
        let hash = SHA256.hash(generated.image)
        let result = CachedResult(
            fingerprint: fingerprint, blobSHA256: hash, provider: provider.id, model: asset.modelID, isPlaceholder: provider.isPlaceholder,
            modelVersion: generated.modelVersion, responseID: generated.responseID, text: generated.text, thoughtSignatures: generated.thoughtSignatures,
            usage: generated.usage, costUSD: generated.costUSD, inputs: inputs, startedAt: started, finishedAt: finished)
        // Paid for: keep it as this fingerprint's result before anything else can fail, whatever its format.
        try cache.store(result, image: generated.image)
        try? cache.logCall(CallRecord(startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID, status: "ok",
                                      attempts: generated.attempts, duration: finished.timeIntervalSince(started), usage: generated.usage,
                                      costUSD: generated.costUSD, possiblyBilled: generated.possiblyBilledAttempts, reservedUSD: held > 0 ? held : nil))
        let output: ContentHash
        do {
            output = try writeOutput(answer: generated.image, answerSHA256: hash, cache: cache)
        } catch let error as UndecodableAnswer {
            // Bytes that only look like an image: keep them (paid for), but not as the result, so the next run asks again.
            try cache.dropResult(fingerprint)
            throw ProviderError(.malformed, "the answer's \(error.format.rawValue.uppercased()) bytes cannot be decoded (\(error.reason)); nothing was written",
                                fix: "run again to ask for a new image; the bytes are kept in the cache as blob \(hash.short)")
        }
        return deliver(outcome(.generated, placeholder: result.isPlaceholder, cost: generated.costUSD), entry: lockEntry(result, inputs: inputs, output: output),
                       image: generated.image, output: output)
    }

    /// Writes the output: the answer's bytes when its format is the output's, else the converted image.
    /// A catalog set has no file of its own: its image is the answer, and its files are renditions.
    func writeOutput(answer: Data, answerSHA256: ContentHash, cache: CacheStore) throws -> ContentHash {
        guard asset.hasOutputFile else { return answerSHA256 }
        let (bytes, hash) = try OutputRenderer(cache: cache, codec: context.codec, rendered: engine.imagesRendered).output(answer: answer, sha256: answerSHA256, as: asset.outputFormat)
        try AtomicFileWriter.write(bytes, to: context.absolute(asset.output))
        try context.hasher.noteWritten(asset.output, sha256: hash)
        return hash
    }

    /// Reads each reference and checks its bytes against the hash the fingerprint was made from: the bytes
    /// sent are the bytes hashed, so a file saved during the run cannot be recorded under the old inputs.
    func loadReferences(planned inputs: AssetInputs) throws -> [ReferenceImage] {
        try zip(asset.references, inputs.references).map { reference, plannedInput in
            let path: String
            var cached: Data?
            var fix = "check that it exists and is readable"
            switch reference {
            case .file(let file, _): path = file
            case .asset(let id):
                let upstream = context.project.asset(id)
                path = upstream?.output ?? id
                if upstream?.hasOutputFile == false {
                    // A catalog set has no file of its own: its image is read from the cache.
                    cached = try context.cache?.blob(plannedInput.sha256)
                    fix = "the image of '\(id)' is not in this cache; make it again with 'generate-assets --force --only \(id)'"
                }
            }
            guard let data = cached ?? FileManager.default.contents(atPath: context.absolute(path)) else {
                throw UserFacingError("cannot read reference \(path)", fix: fix)
            }
            guard SHA256.hash(data) == plannedInput.sha256 else {
                throw ProviderError(.changed, "reference \(path) changed during the run; nothing was sent or cached for the old inputs",
                                    fix: "run again: the asset will be planned with the file as it is now")
            }
            guard let format = ImageFormat.sniff(data) else {
                throw UserFacingError("reference \(path) is not an image", fix: "export it as PNG or JPEG")
            }
            return ReferenceImage(name: path, data: data, format: format)
        }
    }

    func lockEntry(_ result: CachedResult, inputs: AssetInputs, output: ContentHash) -> LockEntry {
        LockEntry(output: asset.output, fingerprint: result.fingerprint, outputSHA256: output, answerSHA256: result.blobSHA256,
                  answerFormat: context.cache.flatMap { try? $0.blobFormat(result.blobSHA256) }, provider: result.provider,
                  model: result.model, placeholder: result.isPlaceholder, inputs: inputs)
    }
}
