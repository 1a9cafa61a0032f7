import AssetCache
import AssetFingerprint
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

/// One asset going into a batch job.
struct BatchItem: Sendable {
    var asset: ResolvedAsset
    var inputs: AssetInputs
    var fingerprint: ContentHash
    /// Which variant of these inputs its answer becomes.
    var variant: Int
    var request: GenerationRequest

    /// The request's key in the job: the asset id, with `#N` for a variant past the first.
    var key: String { variant == 1 ? asset.id : "\(asset.id)#\(variant)" }
}

/// Submits, polls, applies and cancels Batch API jobs. Answers of finished jobs go into the cache as their
/// fingerprints' results (paid for, whatever the manifest says now); the engine then restores them like any
/// cached image, so outputs, the lock and the commit come out exactly as for synchronous answers.
struct BatchCoordinator {
    let context: ProjectContext
    let provider: GeminiProvider
    let cache: CacheStore
    /// Counts each answer stored, at the Batch price, for the run's report.
    var spend: BatchSpend?

    init(context: ProjectContext, spend: BatchSpend? = nil) throws {
        guard let provider = context.provider as? GeminiProvider else {
            throw UserFacingError(
                "batch jobs need the gemini provider, not '\(context.provider.id)'",
                fix: "drop --batch, or use --provider gemini")
        }
        guard let cache = context.cache else {
            throw UserFacingError("internal error: batch jobs need a writable cache")
        }
        self.context = context
        self.provider = provider
        self.cache = cache
        self.spend = spend
    }

    /// Brings every unfinished job up to date, and stores the answers of jobs that ended. Returns all jobs.
    @discardableResult
    func refresh(events: (RunEvent) -> Void = { _ in }) async throws -> [BatchJob] {
        var jobs = try cache.batchJobs(pendingOnly: true)
        guard !jobs.isEmpty else { return [] }
        try provider.preflight()
        for index in jobs.indices {
            var job = jobs[index]
            var status: BatchStatus?
            if job.name == nil {
                // A submit that was interrupted: the service may have the job; its display name finds it.
                status = try await provider.findBatch(displayName: job.displayName)
                job.name = status?.name
                if let status { events(.batchFound(name: status.name, model: job.model, images: job.requests.count)) }
                if status == nil {
                    job.state = "BATCH_STATE_FAILED"
                    job.error = "the submit was interrupted before the service recorded the job"
                }
            } else if !job.isTerminal {
                status = try await provider.batchStatus(job.name!)
            }
            if let status { job.state = status.state }
            Trace.mark("batch polled (service time)")
            job.updatedAt = context.clock.now()
            if job.isTerminal, !job.applied {
                try await apply(&job, status: status)
                events(
                    .batchEnded(
                        name: job.name ?? job.displayName, state: job.state,
                        answered: job.requests.filter { $0.state == "succeeded" }.count,
                        requests: job.requests.count))
            }
            try cache.recordBatch(job)
            jobs[index] = job
        }
        return try cache.batchJobs()
    }

    /// Stores the answers of an ended job; requests without an answer are failed with the job's reason.
    func apply(_ job: inout BatchJob, status: BatchStatus?) async throws {
        var answers: [String: Result<GenerationResult, ProviderError>] = [:]
        if job.state == "BATCH_STATE_SUCCEEDED", let status {
            let model = context.project.catalog.model(job.model)
            let sizes = Dictionary(job.requests.map { ($0.key, $0.imageSize) }) { first, _ in first }
            // An edit turn's answer keeps its model content: the next turn replays it.
            let turns = Set(job.requests.filter { $0.editTurn != nil }.map(\.key))
            for answer in try await provider.batchAnswers(
                status, model: model, imageSizes: sizes, keepingContent: turns)
            {
                answers[answer.key] = answer.result
            }
        }
        let finished = context.clock.now()
        for served in Self.servedElsewhere(answers, requested: job.model) {
            spend?.noteServed(requested: job.model, by: served)
        }
        for index in job.requests.indices {
            let request = job.requests[index]
            switch answers[request.key] {
            case .success(let generated)?:
                let hash = SHA256.hash(generated.image)
                if try keepTurn(request, generated, job: job, finished: finished) {
                    let result = CachedResult(
                        fingerprint: request.fingerprint, blobSHA256: hash, provider: provider.id, model: job.model,
                        isPlaceholder: false,
                        modelVersion: generated.modelVersion, responseID: generated.responseID, text: generated.text,
                        thoughtSignatures: generated.thoughtSignatures,
                        usage: generated.usage, costUSD: generated.costUSD, inputs: request.inputs,
                        startedAt: job.createdAt, finishedAt: finished, batchJob: job.name)
                    try cache.storeVariant(result, image: generated.image, atLeast: request.variant, choose: false)
                }
                spend?.add(asset: request.assetID, cost: generated.costUSD, job: job.name ?? job.displayName)
                try? cache.logCall(
                    CallRecord(
                        startedAt: job.createdAt, assetID: request.assetID, provider: provider.id, model: job.model,
                        status: "ok",
                        attempts: 1, duration: finished.timeIntervalSince(job.createdAt), usage: generated.usage,
                        costUSD: generated.costUSD, batch: true))
                job.requests[index].state = "succeeded"
            case .failure(let error)?:
                job.requests[index].state = "failed"
                job.requests[index].error = error.message
                try? cache.logCall(
                    CallRecord(
                        startedAt: job.createdAt, assetID: request.assetID, provider: provider.id, model: job.model,
                        status: "failed",
                        httpStatus: error.httpStatus, attempts: 1, duration: finished.timeIntervalSince(job.createdAt),
                        error: error.message, batch: true))
            case nil:
                job.requests[index].state = "failed"
                job.requests[index].error =
                    job.state == "BATCH_STATE_SUCCEEDED"
                    ? "the job's results have no answer for it"
                    : "batch job \(Self.describe(job.state))"
                        + (job.error.map { ": \($0)" } ?? "")
            }
        }
        job.applied = true
    }

    /// Submits the items, one job per model, each recorded before its submit call and looked up by its
    /// display name first, so an interrupted or repeated submit never pays for a second job.
    /// - Parameter found: told of each job the service already had, which was adopted rather than submitted.
    func submit(_ items: [BatchItem], found: (BatchJob) -> Void = { _ in }) async throws -> [BatchJob] {
        try provider.preflight()
        var submitted: [BatchJob] = []
        for model in Set(items.map(\.asset.modelID)).sorted() {
            let group = items.filter { $0.asset.modelID == model }.sorted {
                ($0.asset.id, $0.variant) < ($1.asset.id, $1.variant)
            }
            var bodies: [(key: String, body: Data)] = []
            for item in group {
                var uploaded: [Int: UploadedFile] = [:]
                var count = 0
                bodies.append(
                    (
                        item.key,
                        try await provider.body(
                            for: item.request, uploaded: &uploaded, filesUploaded: &count,
                            lifetime: GeminiProvider.batchUploadLifetime)
                    ))
            }
            let plan = group.map { "\($0.key) \($0.fingerprint.hex)" }.joined(separator: "\n")
            let base = "generate-assets \(SHA256.hash(model + "\n" + plan).hex.prefix(20))"
            let recorded = Set(try cache.batchJobs().map(\.displayName))
            // The same plan gives the same name; a job of that name that ended (expired, say) is passed over for the next number.
            var attempt = 1
            var existing: BatchStatus?
            while true {
                let name = "\(base)-\(attempt)"
                if !recorded.contains(name) {
                    existing = try await provider.findBatch(displayName: name)
                    if existing.map({ !BatchJob.terminalStates.contains($0.state) }) ?? true { break }
                }
                attempt += 1
            }
            let now = context.clock.now()
            var job = BatchJob(
                displayName: "\(base)-\(attempt)", model: model, input: "inline",
                estimatedUSD: Self.estimate(group.map(\.asset)), createdAt: now, updatedAt: now,
                requests: group.map {
                    BatchJob.Request(
                        key: $0.key, assetID: $0.asset.id, fingerprint: $0.fingerprint, inputs: $0.inputs,
                        variant: $0.variant)
                })
            try cache.recordBatch(job)
            if let existing {
                job.name = existing.name
                job.state = existing.state
                found(job)
            } else {
                let (status, asFile) = try await provider.submitBatch(
                    model: model, displayName: job.displayName, requests: bodies)
                job.name = status.name
                job.state = status.state
                job.input = asFile ? "file" : "inline"
            }
            job.updatedAt = context.clock.now()
            try cache.recordBatch(job)
            submitted.append(job)
        }
        return submitted
    }

    /// Cancels a job at the service and records that it ended. A job that already finished is not cancelled:
    /// its answers (paid for) are applied like any finished job's.
    func cancel(_ job: BatchJob) async throws -> BatchJob {
        var job = job
        var status: BatchStatus?
        if let name = job.name {
            status = try await provider.finishedOrCancelled(name)
            job.state = status?.state ?? "BATCH_STATE_CANCELLED"
            if !job.isTerminal { job.state = "BATCH_STATE_CANCELLED" }
        } else {
            job.state = "BATCH_STATE_CANCELLED"
        }
        job.updatedAt = context.clock.now()
        try await apply(&job, status: status)
        try cache.recordBatch(job)
        return job
    }

    /// The Batch list price of the assets (half the synchronous one; Flash-Lite $0.0168).
    static func estimate(_ assets: [ResolvedAsset]) -> Double? {
        let prices = assets.map(\.estimatedBatchCost)
        return prices.contains { $0 == nil } ? nil : prices.compactMap { $0 }.reduce(0, +)
    }

    /// `BATCH_STATE_EXPIRED` → `expired`.
    static func describe(_ state: String) -> String {
        state.replacingOccurrences(of: "BATCH_STATE_", with: "").lowercased()
    }
}
