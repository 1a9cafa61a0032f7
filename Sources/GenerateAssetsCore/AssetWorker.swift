import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// Carries out the plan for one asset: leave it, restore it from the cache, or generate it.
/// Order matters for money: every answer goes into the cache as a variant of its fingerprint before anything
/// else can fail, whatever its format, so an image that was paid for is never paid for again.
struct AssetWorker {
    let engine: GenerateEngine
    let plan: AssetPlan

    var context: ProjectContext { engine.context }
    var asset: ResolvedAsset { plan.asset }

    func outcome(_ state: AssetOutcome.State, placeholder: Bool, cost: Double? = nil) -> AssetOutcome {
        AssetOutcome(
            id: asset.id, output: asset.output, state: state, reasons: plan.reasons, action: nil, error: nil,
            fingerprint: plan.fingerprint?.hex,
            model: asset.modelID, placeholder: placeholder, modified: false, estimatedCostUSD: plan.estimatedCost,
            costUSD: cost, durationSeconds: nil)
    }

    func run() async throws -> (AssetOutcome, ContentHash?) {
        do { return try await runChecked() } catch let queued as ReRollQueued { return (queued.outcome, nil) }
    }

    func runChecked() async throws -> (AssetOutcome, ContentHash?) {
        guard let inputs = plan.inputs, let fingerprint = plan.fingerprint else {
            throw UserFacingError("internal error: '\(asset.id)' was planned before its upstream assets finished")
        }
        guard let cache = context.cache else { throw UserFacingError("internal error: no cache") }
        let entry = context.lock.assets[asset.id]
        if plan.state == .fresh {
            if let entry,
                let checked = try await checkFresh(entry, inputs: inputs, fingerprint: fingerprint, cache: cache)
            {
                return checked
            }
            var shown = entry
            if plan.needsLockUpdate, let chosen = try chosenVariant(fingerprint, cache: cache) {
                shown = lockEntry(chosen, inputs: inputs, output: plan.outputOnDisk ?? chosen.result.blobSHA256)
            }
            var done = outcome(.fresh, placeholder: shown?.placeholder ?? false)
            if let shown { done.showVariants(of: shown) }
            return deliver(done, entry: shown, record: plan.needsLockUpdate, image: nil, output: plan.outputOnDisk)
        }
        if plan.editedByHand {
            // Kept as it is, with no call: the plan's reasons say how to go on (delete it, or accept it). The
            // assets that use it go on with the image generated for these inputs, which they were made from.
            var kept = outcome(.stale, placeholder: entry?.placeholder ?? false, cost: 0)
            kept.action = .edited
            kept.modified = true
            return (kept, plan.generatedOutput)
        }
        if plan.unrecoverable {
            // No call: a new image would replace committed art. The assets that use it go on with the output as it is.
            var kept = outcome(.stale, placeholder: false, cost: 0)
            kept.action = .unrecoverable
            return (kept, plan.outputOnDisk)
        }
        var made = try await generateVariants(
            inputs: inputs, fingerprint: fingerprint, cache: cache, after: plan.variantsMade)
        if plan.addsVariantsOnly, var updated = entry {
            // The output stays the one the lock file records; it now has more variants to pick from.
            let count = max(plan.variantsMade, made.last?.number ?? 0)
            updated.variants = count > 1 ? count : nil
            updated.picked = count > 1 ? (entry?.picked ?? 1) : nil
            var done = outcome(
                .generated, placeholder: updated.placeholder, cost: made.compactMap(\.result.costUSD).reduce(0, +))
            done.showVariants(of: updated)
            return deliver(done, entry: updated, image: nil, output: plan.outputOnDisk)
        }
        // A re-roll's answer is the output; otherwise the chosen variant (the first made, unless another was picked).
        var chosen: CachedVariant
        if plan.forced, let first = made.first {
            chosen = try cache.choose(fingerprint, variant: first.number) ?? first
        } else if let known = try chosenVariant(fingerprint, cache: cache) {
            chosen = known
        } else {
            throw UserFacingError("the cached image of '\(asset.id)' disappeared during the run", fix: "run again")
        }
        var checked: (record: CheckRecord?, alt: String?) = (nil, nil)
        if wantsJudge {
            (chosen, checked.record, checked.alt) = try await passingVariant(
                first: chosen, made: &made, inputs: inputs, fingerprint: fingerprint, cache: cache,
                keep: plan.pickedVariant != nil)
            if chosen.number != made.first?.number, !made.isEmpty {
                _ = try cache.choose(fingerprint, variant: chosen.number)
            }
        }
        guard let answer = try cache.blob(chosen.result.blobSHA256) else {
            throw UserFacingError("the cached image of '\(asset.id)' disappeared during the run", fix: "run again")
        }
        let output: ContentHash
        do {
            output = try writeOutput(answer: answer, answerSHA256: chosen.result.blobSHA256, cache: cache)
        } catch let error as UndecodableAnswer {
            // Bytes that only look like an image: keep them (paid for), but not as a variant, so the next run asks again.
            try cache.dropVariant(fingerprint, chosen.number)
            throw ProviderError(
                .malformed,
                "the answer's \(error.format.rawValue.uppercased()) bytes cannot be decoded (\(error.reason)); nothing was written",
                fix:
                    "run again to ask for a new image; the bytes are kept in the cache as blob \(chosen.result.blobSHA256.short)"
            )
        }
        var updated = lockEntry(
            chosen, inputs: inputs, output: output, variants: max(plan.variantsMade, made.last?.number ?? 0))
        (updated.checks, updated.alt) = checked
        var done =
            made.isEmpty
            ? outcome(.restored, placeholder: chosen.result.isPlaceholder, cost: 0)
            : outcome(
                .generated, placeholder: chosen.result.isPlaceholder,
                cost: made.compactMap(\.result.costUSD).reduce(0, +))
        done.showVariants(of: updated)
        return deliver(done, entry: updated, image: answer, output: output)
    }

    /// The variant to write: the picked one (`pick`), else the one the lock file records for these inputs
    /// when the cache has it, else the cache's chosen one.
    func chosenVariant(_ fingerprint: ContentHash, cache: CacheStore) throws -> CachedVariant? {
        if let number = plan.pickedVariant,
            let picked = try cache.variants(of: fingerprint).first(where: { $0.number == number })
        {
            return picked
        }
        if let entry = context.lock.assets[asset.id], entry.fingerprint == fingerprint,
            let recorded = try entry.recordedVariant(in: cache)
        {
            return recorded
        }
        return try cache.chosenVariant(of: fingerprint)
    }

    /// Makes one call and stores its answer as the next variant after `after`.
    func generate(inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore, after: Int) async throws
        -> CachedVariant
    {
        if !asset.edits.isEmpty {
            return try await EditChainRunner(worker: self).generate(
                inputs: inputs, fingerprint: fingerprint, cache: cache, after: after)
        }
        let provider = context.provider
        let variant = after + 1
        let estimate = provider.isFree ? 0 : (asset.estimatedCost ?? 0)
        let reservation = try reserve(
            estimate, what: "not started", fix: "run again with a higher --max-cost to generate the rest")
        let references: [ReferenceImage]
        do {
            references = provider.readsReferences ? try loadReferences(planned: inputs) : []
        } catch {
            engine.budget.settle(reservation, cost: 0)
            throw error
        }
        let budget = engine.budget
        let request = self.request(
            variant: variant, fingerprint: fingerprint, references: references,
            authorizeBilledRetry: { budget.extend(reservation) })
        return try await callProvider(request, estimate: estimate, reservation: reservation, cache: cache) {
            generated, started, finished in
            let result = CachedResult(
                fingerprint: fingerprint, blobSHA256: SHA256.hash(generated.image), provider: provider.id,
                model: asset.modelID, isPlaceholder: provider.isPlaceholder,
                modelVersion: generated.modelVersion, responseID: generated.responseID, text: generated.text,
                thoughtSignatures: generated.thoughtSignatures,
                usage: generated.usage, costUSD: generated.costUSD, inputs: inputs, startedAt: started,
                finishedAt: finished)
            // A variant of this fingerprint, whatever its format.
            let number = try cache.storeVariant(result, image: generated.image, atLeast: variant, choose: false)
            return CachedVariant(number: number, result: result)
        }
    }

    /// The request for variant `variant` of the asset: the same for a call now and a line of a batch job.
    func request(
        variant: Int, fingerprint: ContentHash, references: [ReferenceImage],
        authorizeBilledRetry: @escaping @Sendable () -> Bool = { true }
    ) -> GenerationRequest {
        var request = GenerationRequest(
            assetID: asset.id, fingerprint: fingerprint, prompt: asset.prompt,
            config: Self.config(asset.config, variant: variant),
            model: asset.model, pixelSize: asset.pixelSize, references: references, outputFormat: asset.outputFormat,
            authorizeBilledRetry: authorizeBilledRetry)
        request.variant = variant
        let reporter = engine.reporter
        let id = asset.id
        request.onRetry = { notice in
            reporter.report(
                .retrying(
                    asset: id, reason: notice.reason, attempt: notice.attempt, of: notice.of, delay: notice.delay))
        }
        return request
    }

    /// The config sent for a variant: with a `seed`, variant n asks for seed + n − 1, so variants differ.
    static func config(_ config: GenerationConfig, variant: Int) -> GenerationConfig {
        var config = config
        if variant > 1, let seed = config.seed { config.seed = seed &+ (variant - 1) }
        return config
    }

    /// Writes the output: the answer's bytes when its format is the output's, else the converted image.
    /// A catalog set has no file of its own: its image is the answer, and its files are renditions.
    func writeOutput(answer: Data, answerSHA256: ContentHash, cache: CacheStore) throws -> ContentHash {
        guard asset.hasOutputFile else { return answerSHA256 }
        return try OutputRenderer(cache: cache, codec: context.codec, rendered: engine.imagesRendered).write(
            answer: answer, sha256: answerSHA256, for: asset, context: context)
    }

    /// Reads each reference and checks its bytes against the hash the fingerprint was made from: the bytes
    /// sent are the bytes hashed, so a file saved during the run cannot be recorded under the old inputs.
    func loadReferences(planned inputs: AssetInputs) throws -> [ReferenceImage] {
        try zip(asset.references, inputs.references).map { try loadReference($0, planned: $1) }
    }

    /// Reads one reference (a file, or an upstream asset's image) and checks it against its planned hash;
    /// `of` names what it belongs to in messages when that is not the asset's prompt ("edit 2").
    func loadReference(_ reference: ResolvedReference, planned: InputReference, of owner: String? = nil) throws
        -> ReferenceImage
    {
        let path: String
        var cached: Data?
        var fix = "check that it exists and is readable"
        switch reference {
        case .file(let file, _): path = file
        case .asset(let id):
            let upstream = context.project.asset(id)
            path = upstream?.output ?? id
            if upstream?.hasOutputFile == false {
                // A catalog set has no file of its own: its image is read from the cache, else from git.
                cached =
                    try context.cache?.blob(planned.sha256)
                    ?? HistoryAnswers.recover(planned.sha256, projectRoot: context.project.root, into: context.cache)
                fix = "the image of '\(id)' is in neither this cache nor git; " + HistoryAnswers.fix(for: id)
            }
        }
        let named = owner.map { "\(path) of \($0)" } ?? path
        guard let data = cached ?? FileManager.default.contents(atPath: context.absolute(path)) else {
            throw UserFacingError("cannot read reference \(named)", fix: fix)
        }
        guard SHA256.hash(data) == planned.sha256 else {
            throw ProviderError(
                .changed, "reference \(named) changed during the run; nothing was sent or cached for the old inputs",
                fix: "run again: the asset will be planned with the file as it is now")
        }
        guard let format = ImageFormat.sniff(data) else {
            throw UserFacingError("reference \(named) is not an image", fix: "export it as PNG or JPEG")
        }
        return ReferenceImage(name: path, data: data, format: format)
    }

    /// The lock entry for an output written from `chosen`; `variants` and `picked` are kept only when there is more than one.
    func lockEntry(_ chosen: CachedVariant, inputs: AssetInputs, output: ContentHash, variants: Int = 0) -> LockEntry {
        LockEntry(
            asset: asset, chosen: chosen, inputs: inputs, output: output,
            answerFormat: context.cache.flatMap { try? $0.blobFormat(chosen.result.blobSHA256) },
            variants: max(variants, plan.variantsMade, chosen.number))
    }
}
