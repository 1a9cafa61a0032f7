import AssetFingerprint
import AssetSupport
import Foundation

/// One Batch API job as recorded in the cache: written before the submit call returns, so an
/// interrupted submit is found again (by its display name) instead of paid for twice.
package struct BatchJob: Sendable, Encodable, Hashable {
    /// What one request of the job stands for.
    package struct Request: Sendable, Encodable, Hashable {
        package var key: String
        package var assetID: String
        package var fingerprint: ContentHash
        /// `pending`, `succeeded` or `failed`.
        package var state: String
        package var error: String?
        /// The inputs the request was made from: the provenance of its answer.
        package var inputs: AssetInputs
        /// Which variant of these inputs its answer becomes (1 for the first).
        package var variant: Int

        package init(
            key: String, assetID: String, fingerprint: ContentHash, inputs: AssetInputs, variant: Int = 1,
            state: String = "pending", error: String? = nil
        ) {
            self.key = key
            self.assetID = assetID
            self.fingerprint = fingerprint
            self.inputs = inputs
            self.variant = variant
            self.state = state
            self.error = error
        }

        enum CodingKeys: String, CodingKey {
            case key, fingerprint, state, error, variant
            case assetID = "asset"
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(assetID, forKey: .assetID)
            try container.encode(fingerprint, forKey: .fingerprint)
            try container.encode(state, forKey: .state)
            try container.encodeIfPresent(error, forKey: .error)
            if variant > 1 { try container.encode(variant, forKey: .variant) }
        }
    }

    /// Deterministic from the plan: the same assets and inputs give the same name.
    package var displayName: String
    /// `batches/…` once the service has accepted it.
    package var name: String?
    package var model: String
    /// `SUBMITTING` until the service answers, then the service's `BATCH_STATE_…`.
    package var state: String
    /// `inline` or `file` (JSONL uploaded through the File API).
    package var input: String
    package var estimatedUSD: Double?
    package var createdAt: Date
    package var updatedAt: Date
    /// Its results are in the cache.
    package var applied: Bool
    package var error: String?
    package var requests: [Request]

    package static let submitting = "SUBMITTING"
    package static let terminalStates: Set<String> = [
        "BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED", "BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED",
    ]

    package var isTerminal: Bool { Self.terminalStates.contains(state) }

    package init(
        displayName: String, name: String? = nil, model: String, state: String = BatchJob.submitting, input: String,
        estimatedUSD: Double?,
        createdAt: Date, updatedAt: Date, applied: Bool = false, error: String? = nil, requests: [Request]
    ) {
        self.displayName = displayName
        self.name = name
        self.model = model
        self.state = state
        self.input = input
        self.estimatedUSD = estimatedUSD
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.applied = applied
        self.error = error
        self.requests = requests
    }

    enum CodingKeys: String, CodingKey {
        case name, model, state, input, applied, error, requests
        case displayName = "display_name"
        case estimatedUSD = "estimated_cost_usd"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

extension CacheStore {
    /// Records a job and its requests before it is submitted.
    package func recordBatch(_ job: BatchJob) throws {
        try database.transaction {
            try database.query(
                "INSERT OR REPLACE INTO batch_jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(job.displayName), job.name.map { .text($0) } ?? .null, .text(job.model), .text(job.state),
                    .text(job.input),
                    job.estimatedUSD.map { .double($0) } ?? .null, .int(millis(job.createdAt)),
                    .int(millis(job.updatedAt)), .int(job.applied ? 1 : 0),
                    job.error.map { .text($0) } ?? .null,
                ])
            try database.query("DELETE FROM batch_requests WHERE display_name = ?", [.text(job.displayName)])
            for request in job.requests {
                try database.query(
                    "INSERT INTO batch_requests VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        .text(job.displayName), .text(request.key), .text(request.assetID),
                        .text(request.fingerprint.hex), .text(request.state),
                        request.error.map { .text($0) } ?? .null, try ResultRow.json(request.inputs),
                        .int(Int64(request.variant)),
                    ])
            }
        }
    }

    /// Every recorded job, newest first; `pendingOnly` leaves out jobs that ended and were applied.
    package func batchJobs(pendingOnly: Bool = false) throws -> [BatchJob] {
        let rows = try database.query(
            "SELECT display_name, name, model, state, input, estimated_usd, created_at, updated_at, applied, error FROM batch_jobs ORDER BY created_at DESC"
        )
        var jobs: [BatchJob] = []
        for row in rows {
            guard let displayName = row[0].text else { continue }
            let requests = try database.query(
                "SELECT key, asset_id, fingerprint, state, error, inputs, variant FROM batch_requests WHERE display_name = ? ORDER BY key",
                [.text(displayName)]
            ).compactMap { request -> BatchJob.Request? in
                guard let key = request[0].text, let asset = request[1].text,
                    let fingerprint = request[2].text.flatMap(ContentHash.init(hex:)),
                    let inputs = request[5].text.flatMap({
                        try? JSONDecoder().decode(AssetInputs.self, from: Data($0.utf8))
                    })
                else { return nil }
                return BatchJob.Request(
                    key: key, assetID: asset, fingerprint: fingerprint, inputs: inputs,
                    variant: request[6].int.map { Int($0) } ?? 1, state: request[3].text ?? "pending",
                    error: request[4].text)
            }
            let job = BatchJob(
                displayName: displayName, name: row[1].text, model: row[2].text ?? "",
                state: row[3].text ?? BatchJob.submitting,
                input: row[4].text ?? "inline", estimatedUSD: row[5].double, createdAt: date(row[6]),
                updatedAt: date(row[7]),
                applied: row[8].int == 1, error: row[9].text, requests: requests)
            if !pendingOnly || !(job.isTerminal && job.applied) { jobs.append(job) }
        }
        return jobs
    }

    private func millis(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1000) }
    private func date(_ value: SQLValue) -> Date { Date(timeIntervalSince1970: Double(value.int ?? 0) / 1000) }
}
