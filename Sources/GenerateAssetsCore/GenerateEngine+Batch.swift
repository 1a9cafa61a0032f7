import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// The Batch API side of `generate`: finished jobs are collected before planning (their answers then
/// restore like any cached image), assets waiting in a job are left alone, and `--batch` queues the
/// assets that need a call and submits them after the run's restores.
extension GenerateEngine {
    /// What --batch makes a planned asset cost over its rounds, at the Batch price (a chain: its turns to run).
    func batchEstimate(_ plan: AssetPlan) throws -> Double? {
        plan.asset.edits.isEmpty
            ? plan.asset.estimatedBatchCost.map { $0 * Double(plan.calls) }
            : try plan.inputs.flatMap { try planner.chainCost(plan, inputs: $0, batch: true) }
    }

    /// Polls the recorded jobs and stores the answers of those that ended; cancels first with `--cancel-batch`.
    func prepareBatches(_ assets: [ResolvedAsset]) async throws {
        guard let cache = context.cache else { return }
        let unfinished = try cache.batchJobs(pendingOnly: true)
        guard !options.dryRun, !unfinished.isEmpty, context.provider is GeminiProvider else {
            batchBook.withValue { $0 = BatchBook(cache: cache) }
            return
        }
        let coordinator = try BatchCoordinator(context: context, spend: batchSpend)
        do {
            try await coordinator.refresh { reporter.report($0) }
        } catch  where !options.batch && !options.cancelBatch {
            reporter.report(.batchCheckFailed(reason: AssetFailure(error).message))
        }
        if options.cancelBatch {
            let selected = Set(assets.map(\.id))
            for job in try cache.batchJobs(pendingOnly: true)
            where !job.isTerminal && job.requests.contains(where: { selected.contains($0.assetID) }) {
                let cancelled = try await coordinator.cancel(job)
                reporter.report(
                    .batchCancelled(name: cancelled.name ?? cancelled.displayName, assets: cancelled.requests.count))
            }
        }
        let jobs = try cache.batchJobs()
        batchBook.withValue { $0 = BatchBook(jobs) }
    }

    /// The recorded jobs, as of the start of this run.
    var batches: BatchBook { batchBook.value }

    /// The outcome of an asset that gets no call this run: it waits in a job, is queued for one, or the run
    /// only restores. Nil when the asset goes on as usual.
    func holdForBatch(_ plan: AssetPlan) throws -> AssetOutcome? {
        guard plan.state == .stale, !plan.isRestorable, !plan.kept, !plan.editedByHand, let inputs = plan.inputs,
            let fingerprint = plan.fingerprint
        else { return nil }
        var outcome = AssetOutcome(plan: plan, placeholder: false)
        if let job = batches.pending(plan) {
            outcome.markPending(job)
            return outcome
        }
        if options.restoreOnly {
            outcome.reasons.append(.needsCallWhileApplyingBatch)
            return outcome
        }
        guard options.batch else { return nil }
        if plan.outputModified, !options.force { return nil }
        let worker = AssetWorker(engine: self, plan: plan)
        let items: [BatchItem]
        if !plan.asset.edits.isEmpty, let cache = context.cache {
            // An edit chain sends its next turn; the turns after it go in later rounds.
            items = try EditChainRunner(worker: worker).batchItems(plan, inputs: inputs, cache: cache)
        } else {
            let references = try worker.loadReferences(planned: inputs)
            // One line per variant still to make, each becoming that variant when the job's answers are applied.
            let variants = (plan.variantsMade + 1)...(plan.variantsMade + max(plan.calls, 1))
            items = variants.map { variant in
                BatchItem(
                    asset: plan.asset, inputs: inputs, fingerprint: fingerprint, variant: variant,
                    request: worker.request(variant: variant, fingerprint: fingerprint, references: references))
            }
        }
        batchQueue.withValue { $0 += items }
        outcome.reasons.append(.submittedInBatch)
        outcome.action = .wait
        outcome.estimatedCostUSD = plan.asset.estimatedBatchCost.map { $0 * Double(items.count) }
        return outcome
    }

    /// Submits what `--batch` queued, one job per model. A failed submit fails those assets, not the run.
    func submitBatches(into outcomes: inout [String: AssetOutcome]) async throws -> [BatchJob] {
        let items = batchQueue.value
        guard options.batch, !items.isEmpty else { return [] }
        do {
            var adopted: Set<String> = []
            let jobs = try await BatchCoordinator(context: context).submit(items) { adopted.insert($0.displayName) }
            for job in jobs where adopted.contains(job.displayName) {
                for request in job.requests {
                    outcomes[request.assetID]?.batch = BatchMark(name: job.name, state: job.state)
                }
                reporter.report(
                    .batchFound(name: job.name ?? job.displayName, model: job.model, images: job.requests.count))
            }
            for job in jobs where !adopted.contains(job.displayName) {
                for request in job.requests {
                    outcomes[request.assetID]?.batch = BatchMark(name: job.name, state: job.state)
                }
                reporter.report(
                    .batchSubmitted(name: job.name ?? job.displayName, model: job.model, images: job.requests.count))
            }
            return jobs
        } catch {
            for item in items {
                outcomes[item.asset.id]?.state = .failed
                outcomes[item.asset.id]?.error = AssetFailure(
                    .batch, "the batch job was not submitted: \(AssetFailure(error).message)",
                    fix: AssetFailure(error).fix ?? "run 'generate-assets generate --batch' again")
            }
            return []
        }
    }
}
