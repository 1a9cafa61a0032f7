import AssetFingerprint
import AssetSupport
import Foundation

/// What one provider call produced for one fingerprint. The image itself is the blob `blobSHA256`.
public struct CachedResult: Sendable, Hashable, Codable {
    public var fingerprint: ContentHash
    public var blobSHA256: ContentHash
    public var provider: String
    public var model: String
    public var isPlaceholder: Bool
    public var modelVersion: String?
    public var responseID: String?
    public var text: String?
    public var thoughtSignatures: [String]
    public var usage: TokenUsage?
    public var costUSD: Double?
    public var inputs: AssetInputs
    public var startedAt: Date
    public var finishedAt: Date
    /// The Batch API job that made it, for answers that came back from a batch.
    public var batchJob: String?

    public init(
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
public struct CallRecord: Sendable, Hashable {
    public var startedAt: Date
    public var assetID: String
    public var provider: String
    public var model: String
    /// `ok`, `blocked`, `failed`.
    public var status: String
    public var httpStatus: Int?
    public var attempts: Int
    public var duration: TimeInterval
    public var usage: TokenUsage?
    public var costUSD: Double?
    public var error: String?
    /// Attempts that got no answer after the request was sent: the service may have billed them.
    public var possiblyBilled = 0
    /// A request answered through the Batch API (at the batch price).
    public var batch = false
    /// What those attempts may have cost, at the list price (held against --max-cost).
    public var reservedUSD: Double?

    public init(
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
public enum DerivedRecipe {
    /// The answer re-encoded in another format.
    public static func format(_ format: ImageFormat) -> String { "format:\(format.rawValue)" }
}
