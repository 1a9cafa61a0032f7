import AssetCache
import AssetFingerprint
import AssetSupport
import Foundation

/// The call that made one variant, as a note keeps it beside `variant_answers` (`variant_calls`: number →
/// call). A clone that reads a variant from git and picks it records this call, as the clone that made it does.
package struct VariantCall: Sendable, Codable, Equatable {
    package var modelVersion: String?
    package var text: String?
    package var usage: TokenUsage?
    package var costUSD: Double?
    package var responseID: String?
    package var batchJob: String?
    package var startedAt: String?
    package var finishedAt: String?

    enum CodingKeys: String, CodingKey {
        case text, usage
        case modelVersion = "model_version"
        case costUSD = "cost_usd"
        case responseID = "response_id"
        case batchJob = "batch_job"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    package init(_ result: CachedResult) {
        modelVersion = result.modelVersion
        text = result.text
        usage = result.usage
        costUSD = result.costUSD
        responseID = result.responseID
        batchJob = result.batchJob
        startedAt = result.startedAt.iso8601
        finishedAt = result.finishedAt.iso8601
    }

    /// The call a record describes (the one that made its own image).
    package init(_ record: ProvenanceRecord) {
        modelVersion = record.modelVersion
        text = record.text
        usage = record.usage
        costUSD = record.costUSD
        responseID = record.responseID
        batchJob = record.batchJob
        startedAt = record.startedAt
        finishedAt = record.finishedAt
    }
}

extension ProvenanceRecord {
    /// Records every variant of the image's inputs: its answer (`variant_answers`) and the call that made it
    /// (`variant_calls`), when there are several.
    package mutating func recordVariants(_ variants: [CachedVariant]) {
        guard variants.count > 1 else { return }
        variantAnswers = Dictionary(
            variants.map { (String($0.number), $0.result.blobSHA256) }, uniquingKeysWith: { first, _ in first })
        variantCalls = Dictionary(
            variants.map { (String($0.number), VariantCall($0.result)) }, uniquingKeysWith: { first, _ in first })
    }
}

extension ProvenanceRecord {
    /// What the calls for the other variants that this record's commit made cost: those its note lists
    /// (`variant_calls`) besides the image's own call that `before` (the version before, when there is one)
    /// did not list. A `variants: 3` run pays three calls; a later `--force` adds one, its own.
    package func otherVariantsSpentUSD(since before: ProvenanceRecord?) -> Double {
        func id(_ call: VariantCall) -> String { (call.startedAt ?? "") + "\u{0}" + (call.responseID ?? "") }
        let own = id(VariantCall(self))
        let earlier = Set((before?.variantCalls ?? [:]).values.map(id))
        return (variantCalls ?? [:]).sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value)
            .filter { id($0) != own && !earlier.contains(id($0)) }.compactMap(\.costUSD).reduce(0, +)
    }
}
