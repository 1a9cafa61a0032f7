import AssetCache
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

extension AssetWorker {
    /// Reserves `estimate` against `--max-cost` for one call, once no fatal answer has stopped the run.
    /// - Parameters:
    ///   - what: the call, as the refusal names it ("not started", "edit turn 2 of 3 not started").
    ///   - fix: what to do about a refusal by the budget.
    /// - Throws: the fatal stop's refusal, or a `.budget` error naming the cap.
    func reserve(_ estimate: Double, what: String, fix: String) throws -> SpendingBudget.Reservation {
        if let refusal = engine.fatalStop.refusal() { throw refusal }
        guard let reservation = engine.budget.reserve(estimate) else {
            throw ProviderError(
                .budget,
                String(
                    format: "\(what): spent and in-flight calls would pass --max-cost $%.2f",
                    engine.options.maxCost ?? 0),
                fix: fix)
        }
        return reservation
    }

    /// Sends one request to the provider under a budget reservation: counts it, keeps it in flight, settles the
    /// budget and logs a failure. `keep` stores the answer (paid for) while the call is still in flight, before
    /// the call is logged as answered. - Returns: what `keep` returned.
    func callProvider<Kept>(
        _ request: GenerationRequest, estimate: Double, reservation: SpendingBudget.Reservation, cache: CacheStore,
        failed: (ProviderError) -> ProviderError = { $0 },
        keep: (GenerationResult, _ started: Date, _ finished: Date) throws -> Kept
    ) async throws -> Kept {
        let provider = context.provider
        let started = context.clock.now()
        engine.countCall()
        let token = engine.inFlight.start(
            .init(
                assetID: asset.id, provider: provider.id, model: asset.modelID, startedAt: started,
                estimateUSD: estimate))
        engine.reporter.report(.callStarted(asset: asset.id, at: started))
        defer {
            engine.inFlight.end(token)
            engine.reporter.report(.callEnded(asset: asset.id))
        }
        let generated: GenerationResult
        do {
            generated = try await provider.generate(request)
        } catch let thrown {
            // Every way a call ends releases its reservation and leaves a call-log row, whatever the error.
            let error = thrown as? ProviderError ?? ProviderError(.unavailable, "the call failed: \(thrown)")
            engine.fatalStop.note(error)
            engine.inFlight.end(token)
            let held = Double(error.possiblyBilledAttempts) * estimate
            engine.budget.settle(reservation, cost: held)
            engine.countUnanswered(error.possiblyBilledAttempts, usd: held)
            try? cache.logCall(
                CallRecord(
                    startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID,
                    status: error.kind == .blocked ? "blocked" : "failed", httpStatus: error.httpStatus,
                    attempts: error.attempts,
                    duration: context.clock.now().timeIntervalSince(started), error: error.message,
                    possiblyBilled: error.possiblyBilledAttempts, reservedUSD: held > 0 ? held : nil))
            throw thrown is ProviderError ? failed(error) : thrown
        }
        let finished = context.clock.now()
        if let served = generated.servedModel(insteadOf: asset.modelID) {
            engine.noteServed(requested: asset.modelID, by: served)
        }
        let held = Double(generated.possiblyBilledAttempts) * estimate
        engine.budget.settle(reservation, cost: (generated.costUSD ?? 0) + held)
        engine.countUnanswered(generated.possiblyBilledAttempts, usd: held)
        engine.countUploads(generated.filesUploaded)
        // Paid for: kept before anything else can fail.
        let kept = try keep(generated, started, finished)
        engine.inFlight.end(token)  // answered and kept: no longer possibly billed, but billed
        try? cache.logCall(
            CallRecord(
                startedAt: started, assetID: asset.id, provider: provider.id, model: asset.modelID, status: "ok",
                attempts: generated.attempts, duration: finished.timeIntervalSince(started), usage: generated.usage,
                costUSD: generated.costUSD, possiblyBilled: generated.possiblyBilledAttempts,
                reservedUSD: held > 0 ? held : nil))
        return kept
    }
}
