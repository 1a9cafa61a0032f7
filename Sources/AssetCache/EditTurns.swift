import AssetFingerprint
import AssetSupport
import Foundation

/// One stored turn of an edit chain: the model's answer as it came (its `content`, thought signatures
/// included), the turn's image, and what it cost. Keyed by the turn's fingerprint.
package struct StoredEditTurn: Sendable, Hashable {
    package var fingerprint: ContentHash
    package var assetID: String
    /// 0 for the asset's prompt, k for edit k.
    package var turn: Int
    package var provider: String
    package var model: String
    package var prompt: String
    /// The model's `content` object as canonical JSON (see `ModelContent` in AssetProviders).
    package var content: Data
    package var imageSHA256: ContentHash
    package var modelVersion: String?
    package var usage: TokenUsage?
    package var costUSD: Double?

    package init(
        fingerprint: ContentHash, assetID: String, turn: Int, provider: String, model: String, prompt: String,
        content: Data, imageSHA256: ContentHash, modelVersion: String?, usage: TokenUsage?, costUSD: Double?
    ) {
        self.fingerprint = fingerprint
        self.assetID = assetID
        self.turn = turn
        self.provider = provider
        self.model = model
        self.prompt = prompt
        self.content = content
        self.imageSHA256 = imageSHA256
        self.modelVersion = modelVersion
        self.usage = usage
        self.costUSD = costUSD
    }

    /// SHA-256 of the stored answer (the content's bytes): what the note and lock record.
    package var answerSHA256: ContentHash { SHA256.hash(content) }
}

extension CacheStore {
    static let editTurnColumns =
        "fingerprint, asset_id, turn, provider, model, prompt, content, blob_sha256, model_version, usage, cost_usd"

    /// Keeps a turn and its image; the first answer for a turn fingerprint stays (later turns were built on it).
    package func storeEditTurn(_ turn: StoredEditTurn, image: Data) throws {
        try database.transaction {
            try storeBlob(image, sha256: turn.imageSHA256)
            let usage = try turn.usage.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try database.query(
                "INSERT OR IGNORE INTO edit_turns (\(Self.editTurnColumns), created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(turn.fingerprint.hex), .text(turn.assetID), .int(Int64(turn.turn)), .text(turn.provider),
                    .text(turn.model), .text(turn.prompt), .text(String(decoding: turn.content, as: UTF8.self)),
                    .text(turn.imageSHA256.hex), turn.modelVersion.map { .text($0) } ?? .null,
                    usage.map { .text($0) } ?? .null, turn.costUSD.map { .double($0) } ?? .null,
                    .int(nowMilliseconds),
                ])
        }
    }

    /// The stored turn for a turn fingerprint, when its image is still present.
    package func editTurn(_ fingerprint: ContentHash) throws -> StoredEditTurn? {
        guard try schemaVersion() >= 9 else { return nil }
        let columns = Self.editTurnColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }
        guard
            let row = try database.query(
                "SELECT \(columns.joined(separator: ", ")) FROM edit_turns t JOIN blobs b ON b.sha256 = t.blob_sha256 WHERE t.fingerprint = ?",
                [.text(fingerprint.hex)]
            ).first,
            let hash = row[7].text.flatMap(ContentHash.init(hex:))
        else { return nil }
        return StoredEditTurn(
            fingerprint: fingerprint, assetID: row[1].text ?? "", turn: Int(row[2].int ?? 0),
            provider: row[3].text ?? "",
            model: row[4].text ?? "", prompt: row[5].text ?? "", content: Data((row[6].text ?? "").utf8),
            imageSHA256: hash, modelVersion: row[8].text,
            usage: row[9].text.flatMap { try? JSONDecoder().decode(TokenUsage.self, from: Data($0.utf8)) },
            costUSD: row[10].double)
    }
}

extension CacheStore {
    package func hasEditTurn(_ fingerprint: ContentHash) throws -> Bool {
        try editTurn(fingerprint) != nil
    }
}
