import AssetFingerprint
import AssetSupport
import Foundation

/// What one provider call produced for one fingerprint. The image itself is the blob `blobSHA256`.
package struct CachedResult: Sendable, Hashable, Codable {
    package var fingerprint: ContentHash
    package var blobSHA256: ContentHash
    package var provider: String
    package var model: String
    package var isPlaceholder: Bool
    package var modelVersion: String?
    package var responseID: String?
    package var text: String?
    package var thoughtSignatures: [String]
    package var usage: TokenUsage?
    package var costUSD: Double?
    package var inputs: AssetInputs
    package var startedAt: Date
    package var finishedAt: Date
    /// The Batch API job that made it, for answers that came back from a batch.
    package var batchJob: String?

    package init(
        fingerprint: ContentHash, blobSHA256: ContentHash, provider: String, model: String, isPlaceholder: Bool,
        modelVersion: String? = nil, responseID: String? = nil, text: String? = nil, thoughtSignatures: [String] = [],
        usage: TokenUsage? = nil, costUSD: Double? = nil, inputs: AssetInputs, startedAt: Date, finishedAt: Date,
        batchJob: String? = nil
    ) {
        self.batchJob = batchJob
        self.fingerprint = fingerprint
        self.blobSHA256 = blobSHA256
        self.provider = provider
        self.model = model
        self.isPlaceholder = isPlaceholder
        self.modelVersion = modelVersion
        self.responseID = responseID
        self.text = text
        self.thoughtSignatures = thoughtSignatures
        self.usage = usage
        self.costUSD = costUSD
        self.inputs = inputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One row of the call log.
package struct CallRecord: Sendable, Hashable {
    package var startedAt: Date
    package var assetID: String
    package var provider: String
    package var model: String
    /// `ok`, `blocked`, `failed`.
    package var status: String
    package var httpStatus: Int?
    package var attempts: Int
    package var duration: TimeInterval
    package var usage: TokenUsage?
    package var costUSD: Double?
    package var error: String?
    /// Attempts that got no answer after the request was sent: the service may have billed them.
    package var possiblyBilled = 0
    /// A request answered through the Batch API (at the batch price).
    package var batch = false
    /// What those attempts may have cost, at the list price (held against --max-cost).
    package var reservedUSD: Double?

    package init(
        startedAt: Date, assetID: String, provider: String, model: String, status: String, httpStatus: Int? = nil,
        attempts: Int, duration: TimeInterval, usage: TokenUsage? = nil, costUSD: Double? = nil, error: String? = nil,
        possiblyBilled: Int = 0, reservedUSD: Double? = nil, batch: Bool = false
    ) {
        self.batch = batch
        self.possiblyBilled = possiblyBilled
        self.reservedUSD = reservedUSD
        self.startedAt = startedAt
        self.assetID = assetID
        self.provider = provider
        self.model = model
        self.status = status
        self.httpStatus = httpStatus
        self.attempts = attempts
        self.duration = duration
        self.usage = usage
        self.costUSD = costUSD
        self.error = error
    }
}

/// Names of the ways an image is derived from another, as stored in the `derived` table.
package enum DerivedRecipe {
    /// The answer re-encoded in another format.
    package static func format(_ format: ImageFormat) -> String { "format:\(format.rawValue)" }
}
