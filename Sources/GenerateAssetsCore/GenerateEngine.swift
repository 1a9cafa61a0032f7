import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetProviders
import AssetSupport
import Foundation

/// Options of `generate`.
package struct GenerateOptions: Sendable {
    package var only: [String] = []
    /// Rebuild the selected assets even when fresh, and overwrite outputs edited by hand.
    package var force = false
    package var dryRun = false
    package var jobs = 4
    /// Refuse a plan estimated above this, and start no call once actual spend reaches it (USD).
    package var maxCost: Double?
    /// Commit the outputs and the lock with a provenance note when in a git work tree.
    package var commit = true
    /// Submit the assets that need a provider call as Batch API jobs (one per model) instead of calling.
    package var batch = false
    /// Cancel the unfinished jobs of the selected assets first, so they can be made again.
    package var cancelBatch = false
    /// Only restore from the cache (answers of finished jobs included); make no provider call.
    package var restoreOnly = false
    /// Variants wanted per selected asset instead of each asset's `variants:`.
    package var variants: Int?
    /// Regenerate frozen assets too.
    package var includeFrozen = false
    /// `pick`: the variant each asset's output becomes, by asset id.
    package var picks: [String: PickedVariant] = [:]
    /// The commit's message and the note's action, instead of a message naming the assets and each outcome's.
    package var commitSubject: String?
    package var commitAction: String?
    /// With the placeholder provider, put placeholders over real images too; such a run never commits.
    package var replaceRealImages = false
    /// Put the manifest into the outputs' commit (`--commit-manifest`; also `git: {commit_manifest: true}`).
    package var commitManifest = false

    /// The most variants one asset may ask for.
    package static let maxVariants = ResolvedAsset.maxVariants

    package init(
        only: [String] = [], force: Bool = false, dryRun: Bool = false, jobs: Int = 4, maxCost: Double? = nil,
        commit: Bool = true
    ) {
        self.commit = commit
        self.only = only
        self.force = force
        self.dryRun = dryRun
        self.jobs = jobs
        self.maxCost = maxCost
    }
}

/// `generate`: restores what the cache has, calls the provider for the rest with bounded concurrency,
/// upstream assets before the assets that use them, and records the outcome in `assets.lock`.
package final class GenerateEngine: Sendable {
    let context: ProjectContext
    let options: GenerateOptions
    let reporter: any RunReporter
    let lockEntries = LockedValue<[String: LockEntry]>([:])
    let calls = LockedValue(0)
    /// Requested model → the model that answered instead, this run.
    let servedBy = LockedValue<[String: String]>([:])
    let judgeCalls = LockedValue(0)
    let uploads = LockedValue(0)
    let unanswered = LockedValue((attempts: 0, usd: 0.0))
    /// Images made by renditions and format conversions this run.
    let imagesRendered = LockedValue(0)
    let budget: SpendingBudget
    let batchBook = LockedValue(BatchBook([]))
    let batchQueue = LockedValue<[BatchItem]>([])
    /// Calls sent and not yet answered, for `recordInterruption`.
    let inFlight = InFlightCalls()
    /// Set by the first answer that every call would get (a rejected key); no call starts after it.
    let fatalStop = FatalStop()
    /// `--jobs` provider calls at once, shared by assets and the variants of one asset.
    let callSlots: CallSlots
    /// What git history gave this run's plan: a restored outcome says it came from history.
    let history = LockedValue<HistoryFinds?>(nil)
    /// Answers of Batch jobs stored this run, at the Batch price: reported as spent.
    let batchSpend: BatchSpend

    /// - Parameter batchSpend: answers of Batch jobs already stored for this run (by `batch wait`'s polling).
    package init(
        context: ProjectContext, options: GenerateOptions, reporter: any RunReporter,
        batchSpend: BatchSpend = BatchSpend()
    ) {
        self.context = context
        self.options = options
        self.reporter = reporter
        self.batchSpend = batchSpend
        budget = SpendingBudget(limit: context.provider.isFree ? nil : options.maxCost)
        callSlots = CallSlots(options.jobs)
    }

    /// Plans, checks cost and key before any work, then carries the plan out.
    /// - Parameter confirm: asked with the estimated cost when the run would spend money; false stops it.
    package func run(confirm: (Double) -> Bool = { _ in true }) async throws -> RunReport {
        let start = context.clock.now()
        let assets = try context.select(options.only)
        try await prepareBatches(assets)
        for (requested, served) in batchSpend.takeServed().sorted(by: { $0.key < $1.key }) {
            noteServed(requested: requested, by: served)
        }
        let (plans, history) = try CommittedImages.plan(
            assets, planner: planner, context: context, storeInto: options.dryRun ? nil : context.cache)
        self.history.withValue { $0 = history }
        let calls =
            options.restoreOnly
            ? []
            : plans.filter {
                $0.state == .stale && $0.calls > 0 && !$0.kept && batches.pending($0) == nil
            }
        if options.dryRun {
            var report = RunReport(
                command: "generate", provider: context.provider.id, dryRun: true,
                assets: try plans.map { plan in
                    let entry = context.lock.assets[plan.asset.id]
                    var outcome = AssetOutcome(
                        plan: plan,
                        placeholder: plan.kept
                            ? entry?.placeholder ?? false : context.provider.isPlaceholder && plan.state == .stale,
                        entry: entry)
                    if let job = batches.pending(plan) {
                        outcome.markPending(job)
                    } else if options.batch, outcome.action == .generate {
                        // What --batch would submit, at the Batch price.
                        outcome.estimatedCostUSD = try batchEstimate(plan)
                    }
                    return outcome
                },
                warnings: context.project.warnings
                    + UnrecoverableImages.warnings(plans, history: history, context: context),
                stats: statistics(since: start))
            if options.batch { report.rounds = Self.batchRounds(plans, rounds: batchRounds(of:)) }
            return report
        }
        if !calls.isEmpty { try context.provider.preflight() }
        try checkBudget(calls)
        let estimate = calls.compactMap(callEstimate).reduce(0, +)
        let images = calls.map(\.calls).reduce(0, +)
        if estimate > 0, !confirm(estimate) {
            throw AssetFailure(
                .budget,
                String(
                    format: "this run would spend about $%.3f on %d image%@ and was not confirmed", estimate, images,
                    images == 1 ? "" : "s"),
                fix: "pass --yes to confirm without a terminal, or --dry-run to see the plan")
        }
        guard let cache = context.cache else {
            throw UserFacingError("internal error: generate needs a writable cache")
        }
        let baseline = RunHistory.baseline(projectRoot: context.project.root)
        await checkKey(before: calls)
        Trace.mark("ready to run")
        var outcomes = await schedule(assets)
        Trace.mark("outputs written")
        let submitted = try await submitBatches(into: &outcomes)
        Trace.mark("batch jobs submitted")
        writeCatalogs(into: &outcomes, selected: assets)
        let lock = try writeLock(selectedAll: options.only.isEmpty)
        try AltTextFile.write(lock, context: context)
        var ordered = assets.compactMap { asset in outcomes[asset.id] }
        if options.batch {
            // An asset waiting for an upstream one goes in a later round: its estimate is the dry run's.
            let byID = Dictionary(plans.map { ($0.asset.id, $0) }) { first, _ in first }
            for index in ordered.indices where ordered[index].action == .wait && ordered[index].estimatedCostUSD == nil
            {
                ordered[index].estimatedCostUSD = try byID[ordered[index].id].flatMap(batchEstimate)
            }
        }
        let replacing = replacesRealImages(ordered)
        let git =
            options.commit && replacing == nil
            ? try GitPublisher.publish(
                context: context, outcomes: ordered, lock: lock, action: options.commitAction,
                subject: options.commitSubject,
                withManifest: options.commitManifest || context.project.git.commitManifest) : nil
        try context.hasher.flush(to: cache)
        Trace.mark("lock written, committed")
        var report = RunReport(
            command: "generate", provider: context.provider.id, dryRun: false, assets: ordered,
            warnings: context.project.warnings + servedWarnings + (git?.warnings ?? []), stats: statistics(since: start)
        )
        report.git = git ?? replacing.map { GitPublication(commit: nil, paths: [], warnings: [$0]) }
        report.addBatchSpend(batchSpend.untakenUSD)
        if options.batch {
            report.batches = submitted.map { BatchSummary($0, now: context.clock.now()) }
            report.rounds = Self.batchRounds(plans, rounds: batchRounds(of:))
        }
        RunHistory.record(report, baseline: baseline, cache: cache)
        try? cache.checkpoint()
        return report
    }

    /// The planner with this run's options.
    var planner: Planner {
        var planner = context.planner(force: options.force)
        planner.variants = options.variants
        planner.includeFrozen = options.includeFrozen
        planner.replaceRealImages = options.replaceRealImages
        planner.picks = options.picks
        return planner
    }

    func statistics(since start: Date) -> RunStatistics {
        var stats = RunStatistics()
        stats.filesHashed = context.hasher.filesHashed
        stats.filesStatted = context.hasher.filesStatted
        stats.providerCalls = calls.value
        stats.filesUploaded = uploads.value
        (stats.possiblyBilledAttempts, stats.possiblyBilledUSD) = unanswered.value
        stats.imagesRendered = imagesRendered.value
        stats.durationSeconds = context.clock.now().timeIntervalSince(start)
        return stats
    }

    /// Runs each asset once all its upstream assets are done, at most `jobs` at a time.
    func schedule(_ assets: [ResolvedAsset]) async -> [String: AssetOutcome] {
        var outcomes: [String: AssetOutcome] = [:]
        var outputs: [String: ContentHash] = [:]
        var waiting = assets
        let selected = Set(assets.map(\.id))
        reporter.report(.runStarted(assets: assets.count))
        await withTaskGroup(of: (AssetOutcome, ContentHash?).self) { group in
            var running = 0
            while !waiting.isEmpty || running > 0 {
                while running < max(1, options.jobs),
                    let index = waiting.firstIndex(where: {
                        $0.dependencies.allSatisfy { !selected.contains($0) || outcomes[$0] != nil }
                    })
                {
                    let asset = waiting.remove(at: index)
                    let failedUpstream = asset.dependencies.filter { outcomes[$0]?.state == .failed }
                    let waitingUpstream = asset.dependencies.filter {
                        outcomes[$0]?.state == .stale && outputs[$0] == nil
                    }
                    let editedUpstream = asset.dependencies.filter { outcomes[$0]?.action == .edited }
                    let upstream = outputs
                    running += 1
                    group.addTask {
                        let start = self.context.clock.now()
                        var (outcome, hash) = await self.process(
                            asset, upstream: upstream, failedUpstream: failedUpstream, waitingUpstream: waitingUpstream,
                            editedUpstream: editedUpstream)
                        outcome.durationSeconds = self.context.clock.now().timeIntervalSince(start)
                        return (outcome, hash)
                    }
                }
                guard let (finished, hash) = await group.next() else { break }
                running -= 1
                var outcome = finished
                outcome.addBatchSpend(batchSpend.take(outcome.id))
                outcomes[outcome.id] = outcome
                outputs[outcome.id] = hash
                reporter.report(.finished(outcome))
            }
        }
        return outcomes
    }

    /// Decides and carries out one asset; every error becomes a failed outcome for that asset alone.
    func process(
        _ asset: ResolvedAsset, upstream: [String: ContentHash], failedUpstream: [String],
        waitingUpstream: [String] = [], editedUpstream: [String] = []
    ) async -> (AssetOutcome, ContentHash?) {
        let base = AssetOutcome(
            id: asset.id, output: asset.output, state: .failed, reasons: [], action: nil, error: nil, fingerprint: nil,
            model: asset.modelID, placeholder: false, modified: false, estimatedCostUSD: nil, costUSD: nil,
            durationSeconds: nil)
        guard failedUpstream.isEmpty else {
            var outcome = base
            outcome.error = AssetFailure(
                .upstream, "upstream asset \(failedUpstream.map { "'\($0)'" }.joined(separator: ", ")) failed",
                fix: "fix the upstream asset's failure, then run again")
            return (outcome, nil)
        }
        guard waitingUpstream.isEmpty else {
            var outcome = base
            outcome.state = .stale
            outcome.reasons = [.waitsForUpstream(waitingUpstream)]
            outcome.action = .wait
            return (outcome, nil)
        }
        // The plan, once made: a failure still says why the asset was stale.
        var planned: AssetPlan?
        do {
            var upstreamOutputs = upstream
            for id in asset.dependencies where upstreamOutputs[id] == nil {
                // Not selected this run: use its output as it is on disk (a catalog set's image as the lock records it).
                guard let hash = try context.upstreamImage(of: id) else {
                    throw UserFacingError(
                        "upstream asset '\(id)' has no output yet", fix: "run without --only, or add '\(id)' to --only")
                }
                upstreamOutputs[id] = hash
            }
            var plan = try planner.evaluate(asset, upstream: upstreamOutputs)
            if let history = history.value { plan = history.annotate([plan])[0] }
            if plan.kept {
                // Frozen: its output stays, and the assets that use it go on with it; the files made from the
                // kept image (renditions, a set's images) follow their own recipes, at no cost.
                let entry = context.lock.assets[asset.id]
                let outcome = AssetOutcome(plan: plan, placeholder: entry?.placeholder ?? false, entry: entry)
                guard plan.hasStaleRenditions else { return (outcome, plan.outputOnDisk) }
                return AssetWorker(engine: self, plan: plan).deliver(
                    outcome, entry: entry, record: false, image: nil, output: plan.outputOnDisk)
            }
            if plan.calls > 0, !editedUpstream.isEmpty {
                // Made from an image edited by hand: nothing is sent until the edit is accepted or deleted.
                var outcome = AssetOutcome(plan: plan, placeholder: false)
                outcome.reasons.append(.waitsForUpstream(editedUpstream))
                return (outcome, nil)
            }
            if let reason = batches.failure(plan, cache: context.cache), plan.state == .stale {
                plan.reasons.append(reason)
            }
            planned = plan
            if let outcome = try holdForBatch(plan) { return (outcome, nil) }
            return try await AssetWorker(engine: self, plan: plan).run()
        } catch {
            var outcome = base
            outcome.error = AssetFailure(error)
            if let planned {
                outcome.reasons = planned.reasons
                outcome.fingerprint = planned.fingerprint?.hex
                outcome.estimatedCostUSD = planned.estimatedCost
            }
            return (outcome, nil)
        }
    }

    func record(_ entry: LockEntry, for id: String) {
        lockEntries.withValue { $0[id] = entry }
    }

    func countCall() { calls.withValue { $0 += 1 } }

    /// Counts a judge call (`checks:`, `alt: auto`).
    func countJudgeCall() { judgeCalls.withValue { $0 += 1 } }

    func countUploads(_ count: Int) { uploads.withValue { $0 += count } }

    func countUnanswered(_ attempts: Int, usd: Double) {
        guard attempts > 0 else { return }
        unanswered.withValue { $0 = ($0.attempts + attempts, $0.usd + usd) }
    }

    /// Merges this run's entries into `assets.lock`. A full run also drops assets no longer in the manifest
    /// (their files stay where they are).
    @discardableResult
    func writeLock(selectedAll: Bool) throws -> Lockfile {
        var lock = context.lock
        let updates = lockEntries.value
        for (id, entry) in updates {
            var entry = entry
            try entry.recordTurns(cache: context.cache, previous: context.lock.assets[id])
            lock.assets[id] = entry
        }
        if selectedAll {
            let ids = Set(context.project.assets.map(\.id))
            for id in lock.assets.keys where !ids.contains(id) {
                reporter.report(.assetRemoved(id: id, output: lock.assets[id]!.output))
                lock.assets[id] = nil
            }
        }
        // A first run that recorded nothing (everything went into a batch job, say) writes no empty lock.
        let exists = FileManager.default.fileExists(atPath: context.absolute(context.project.lockPath))
        guard lock != context.lock || (!exists && !lock.assets.isEmpty) else { return lock }
        try lock.write(to: context.absolute(context.project.lockPath))
        return lock
    }
}
