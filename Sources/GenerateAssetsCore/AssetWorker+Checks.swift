import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// `checks:` and `alt:` in a run: each image is judged (once: verdicts are cached by image hash, checks and judge
/// model), failing images are re-rolled as new variants up to `attempts`, and the lock records the verdict.
extension AssetWorker {
    /// The limit of `alt: auto`, nil otherwise.
    var autoAltLimit: Int? { if case .auto(let limit)? = asset.alt { limit } else { nil } }

    /// True when the judge has something to say about this asset's images.
    var wantsJudge: Bool { asset.checks != nil || autoAltLimit != nil }

    var checksKey: ContentHash? { asset.checks.map { CheckJudging.checksKey($0, model: asset.judgeModel) } }

    /// True when `entry` already records a verdict under the current checks and the alt text wanted.
    func judgedAlready(_ entry: LockEntry) -> Bool {
        guard asset.checks == nil || entry.checks?.key == checksKey else { return false }
        switch asset.alt {
        case nil: return entry.alt == nil
        case .literal(let text)?: return entry.alt == text
        case .auto(let limit)?: return entry.alt.map { $0.count <= limit } ?? false
        }
    }

    /// The verdict (when there are checks) and alt text of one cached image; the judge is called only for what the
    /// cache does not hold. A judge failure throws: it never passes a check.
    func judge(_ variant: CachedVariant, cache: CacheStore) async throws -> (CheckVerdict?, String?) {
        var literal: String?
        if case .literal(let text)? = asset.alt { literal = text }
        guard wantsJudge else { return (nil, literal) }
        let hash = variant.result.blobSHA256
        var judgement = try checksKey.flatMap { try cache.judgement(image: hash, key: $0) }.flatMap {
            try? JSONDecoder().decode(Judgement.self, from: Data($0.utf8))
        }
        let altKey = autoAltLimit.map { CheckJudging.altKey(maxCharacters: $0, model: asset.judgeModel) }
        var alt = try altKey.flatMap { try cache.judgement(image: hash, key: $0) } ?? literal
        let needsChecks = asset.checks != nil && judgement == nil
        let needsAlt = autoAltLimit != nil && alt == nil
        if needsChecks || needsAlt {
            guard let judge = context.provider as? any ImageJudge, let model = JudgeModels.named(asset.judgeModel),
                let image = try cache.blob(hash)
            else { return (nil, alt) }  // the placeholder cannot judge: its images are never checked
            let answer = try await callJudge(
                judge,
                JudgeRequest(
                    assetID: asset.id, image: image, format: ImageFormat.sniff(image) ?? .png,
                    checks: needsChecks ? asset.checks : nil, altMaxCharacters: needsAlt ? autoAltLimit : nil,
                    model: model))
            if needsChecks, let checksKey {
                let fresh = Judgement(textFound: answer.textFound, answers: answer.answers)
                try cache.storeJudgement(
                    image: hash, key: checksKey,
                    answer: String(decoding: try JSONEncoder().encode(fresh), as: UTF8.self))
                judgement = fresh
            }
            if needsAlt, let altKey, let text = answer.altText {
                try cache.storeJudgement(image: hash, key: altKey, answer: text)
                alt = text
            }
        }
        guard let checks = asset.checks, let judgement else { return (nil, alt) }
        return (CheckJudging.verdict(judgement, checks: checks, variant: variant.number), alt)
    }

    /// One judge call, reserved against `--max-cost`, priced from its usage and written to the call log.
    func callJudge(_ judge: any ImageJudge, _ request: JudgeRequest) async throws -> JudgeAnswer {
        let estimate = request.model.estimatedCost(imageSize: asset.pixelSize)
        let reservation = try reserve(estimate, what: "not judged", fix: "run again with a higher --max-cost")
        let started = context.clock.now()
        engine.countJudgeCall()
        do {
            let answer = try await judge.judge(request)
            engine.budget.settle(reservation, cost: answer.costUSD ?? estimate)
            try? context.cache?.logCall(
                CallRecord(
                    startedAt: started, assetID: asset.id, provider: "gemini", model: request.model.id, status: "ok",
                    attempts: answer.attempts, duration: context.clock.now().timeIntervalSince(started),
                    usage: answer.usage, costUSD: answer.costUSD))
            return answer
        } catch let error as ProviderError {
            engine.budget.settle(reservation, cost: 0)
            try? context.cache?.logCall(
                CallRecord(
                    startedAt: started, assetID: asset.id, provider: "gemini", model: request.model.id,
                    status: "failed", httpStatus: error.httpStatus, attempts: error.attempts,
                    duration: context.clock.now().timeIntervalSince(started), error: error.message))
            throw ProviderError(
                error.kind, "the judge (\(request.model.id)) failed, so no check passed: \(error.message)",
                fix: error.fix ?? "run again: the image is cached and only the judge is asked again",
                httpStatus: error.httpStatus, attempts: error.attempts)
        }
    }

    /// Judges `first`, then the other cached variants of these inputs, then new ones, until one passes every check
    /// or `attempts` images were judged. With `keep` the first is kept whatever its verdict (picked by hand, frozen).
    /// - Returns: the variant to write, the lock's check record and the alt text.
    /// - Throws: `checksFailed` with every attempt's verdict when none passes; nothing is written then.
    func passingVariant(
        first: CachedVariant, made: inout [CachedVariant], inputs: AssetInputs, fingerprint: ContentHash,
        cache: CacheStore, keep: Bool
    ) async throws -> (CachedVariant, CheckRecord?, String?) {
        let attempts = asset.checks?.attempts ?? 1
        var queue = try cache.variants(of: fingerprint).filter { $0.number != first.number }
        var candidate = first
        var verdicts: [CheckVerdict] = []
        while true {
            let (verdict, alt) = try await judge(candidate, cache: cache)
            guard let verdict, let checksKey else { return (candidate, nil, alt) }
            verdicts.append(verdict)
            if verdict.passed || keep {
                let record = CheckRecord(
                    key: checksKey, model: asset.judgeModel, verdict: verdict,
                    attempts: verdicts.count > 1 ? verdicts : nil, accepted: verdict.passed ? nil : true)
                return (candidate, record, alt)
            }
            guard verdicts.count < attempts else {
                throw AssetFailure(
                    .checksFailed,
                    "no image passed the checks in \(verdicts.count) attempt\(verdicts.count == 1 ? "" : "s"): \(CheckJudging.describe(verdicts)); nothing was written",
                    fix:
                        "look at the variants in 'generate-assets review', then 'generate-assets pick N \(asset.id)' to accept one, or change the prompt or the checks"
                )
            }
            if !queue.isEmpty {
                candidate = queue.removeFirst()
            } else {
                let after = max(made.last?.number ?? 0, plan.variantsMade, candidate.number, first.number)
                let variants = try cache.variants(of: fingerprint).last?.number ?? 0
                try queueReRoll(
                    variant: max(after, variants) + 1, inputs: inputs, fingerprint: fingerprint, verdicts: verdicts)
                candidate = try await generate(inputs: inputs, fingerprint: fingerprint, cache: cache, after: after)
                made.append(candidate)
            }
        }
    }

    /// A fresh asset whose lock entry has no verdict for its current checks (checks added or changed): its image is
    /// judged and, if it fails, re-rolled. Nil when there is nothing to do here.
    func checkFresh(_ entry: LockEntry, inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore)
        async throws -> (AssetOutcome, ContentHash?)?
    {
        guard wantsJudge, !judgedAlready(entry), entry.fingerprint == fingerprint,
            let current = try entry.recordedVariant(in: cache)
        else { return nil }
        var made: [CachedVariant] = []
        let keep = asset.frozen || entry.checks?.accepted == true
        let (passing, record, alt) = try await passingVariant(
            first: current, made: &made, inputs: inputs, fingerprint: fingerprint, cache: cache, keep: keep)
        let cost = made.compactMap(\.result.costUSD).reduce(0, +)
        if passing.number == current.number {
            var updated = entry
            updated.checks = record
            updated.alt = alt
            var done = outcome(made.isEmpty ? .fresh : .generated, placeholder: entry.placeholder, cost: cost)
            done.showVariants(of: updated)
            return deliver(done, entry: updated, record: true, image: nil, output: plan.outputOnDisk)
        }
        _ = try cache.choose(fingerprint, variant: passing.number)
        guard let answer = try cache.blob(passing.result.blobSHA256) else {
            throw UserFacingError("the cached image of '\(asset.id)' disappeared during the run", fix: "run again")
        }
        let output = try writeOutput(answer: answer, answerSHA256: passing.result.blobSHA256, cache: cache)
        var updated = lockEntry(passing, inputs: inputs, output: output, variants: max(passing.number, made.count))
        updated.checks = record
        updated.alt = alt
        var done = outcome(.generated, placeholder: passing.result.isPlaceholder, cost: cost)
        done.showVariants(of: updated)
        return deliver(done, entry: updated, image: answer, output: output)
    }
}
