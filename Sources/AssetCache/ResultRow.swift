import AssetFingerprint
import AssetSupport
import Foundation

/// Maps `CachedResult` to and from a `results` row (column order as in migration 1).
enum ResultRow {
    /// The columns of a `results` row, in order; `variants` has the same ones and its number `n`.
    static let columns =
        "fingerprint, blob_sha256, provider, model, placeholder, model_version, response_id, response_text, "
        + "thought_signatures, usage, cost_usd, inputs, started_at, finished_at, created_at, batch_job"

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> SQLValue {
        .text(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func encode(_ r: CachedResult, createdAt: Int64) throws -> [SQLValue] {
        [
            .text(r.fingerprint.hex), .text(r.blobSHA256.hex), .text(r.provider), .text(r.model),
            .int(r.isPlaceholder ? 1 : 0),
            r.modelVersion.map { .text($0) } ?? .null, r.responseID.map { .text($0) } ?? .null,
            r.text.map { .text($0) } ?? .null,
            try json(r.thoughtSignatures), try r.usage.map(json) ?? .null, r.costUSD.map { .double($0) } ?? .null,
            try json(r.inputs),
            .int(Int64(r.startedAt.timeIntervalSince1970 * 1000)),
            .int(Int64(r.finishedAt.timeIntervalSince1970 * 1000)), .int(createdAt),
            r.batchJob.map { .text($0) } ?? .null,
        ]
    }

    static func decode(_ row: [SQLValue]) throws -> CachedResult {
        func hash(_ value: SQLValue) throws -> ContentHash {
            guard let hash = value.text.flatMap(ContentHash.init(hex:)) else {
                throw UserFacingError("the cache holds a malformed hash", fix: "run 'generate-assets cache verify'")
            }
            return hash
        }
        func decodeJSON<T: Decodable>(_ type: T.Type, _ value: SQLValue) throws -> T? {
            guard let text = value.text else { return nil }
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        }
        func date(_ value: SQLValue) -> Date { Date(timeIntervalSince1970: Double(value.int ?? 0) / 1000) }
        guard let inputs = try decodeJSON(AssetInputs.self, row[11]) else {
            throw UserFacingError("the cache holds a result without inputs", fix: "run 'generate-assets cache verify'")
        }
        return CachedResult(
            fingerprint: try hash(row[0]), blobSHA256: try hash(row[1]), provider: row[2].text ?? "",
            model: row[3].text ?? "",
            isPlaceholder: row[4].int == 1, modelVersion: row[5].text, responseID: row[6].text, text: row[7].text,
            thoughtSignatures: try decodeJSON([String].self, row[8]) ?? [],
            usage: try decodeJSON(TokenUsage.self, row[9]),
            costUSD: row[10].double, inputs: inputs, startedAt: date(row[12]), finishedAt: date(row[13]),
            batchJob: row.count > 15 ? row[15].text : nil)
    }
}
