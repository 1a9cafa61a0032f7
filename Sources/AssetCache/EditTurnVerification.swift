import AssetSupport
import Foundation

/// A stored edit turn that cannot be replayed as it is: the service would refuse the conversation.
package struct DamagedEditTurn: Sendable, Codable, Equatable {
    package var assetID: String
    package var turn: Int
    package var fingerprint: ContentHash
    package var problem: String
}

extension CacheStore {
    /// Stored edit turns whose answer is damaged: a Gemini 3 answer's image part without its thought
    /// signature, an answer that is not a content object, or a final image whose bytes are not the turn's image.
    package func damagedEditTurns() throws -> [DamagedEditTurn] {
        guard try schemaVersion() >= 9 else { return [] }
        let rows = try database.query(
            "SELECT fingerprint, asset_id, turn, provider, model, content, blob_sha256 FROM edit_turns ORDER BY asset_id, turn"
        )
        return rows.compactMap { row in
            guard let fingerprint = row[0].text.flatMap(ContentHash.init(hex:)) else { return nil }
            let problem = Self.problem(
                content: Data((row[5].text ?? "").utf8),
                signed: row[3].text == "gemini" && row[4].text?.hasPrefix("gemini-3") == true,
                image: row[6].text ?? "")
            return problem.map {
                DamagedEditTurn(
                    assetID: row[1].text ?? "", turn: Int(row[2].int ?? 0), fingerprint: fingerprint, problem: $0)
            }
        }
    }

    static func problem(content: Data, signed: Bool, image: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: content)) as? [String: Any],
            let parts = object["parts"] as? [[String: Any]]
        else { return "the stored answer is not a model content object" }
        let answer = parts.enumerated().filter { ($0.element["thought"] as? Bool) != true }
        let images = answer.filter { $0.element["inlineData"] != nil }
        if signed, let missing = images.first(where: { $0.element["thoughtSignature"] == nil }) {
            return "image part \(missing.offset + 1) has lost its thought signature"
        }
        let data = ((images.last?.element["inlineData"] as? [String: Any])?["data"] as? String).flatMap {
            Data(base64AnyAlphabet: $0)
        }
        guard let data, SHA256.hash(data).hex == image else {
            return "the answer's final image is not the turn's stored image"
        }
        return nil
    }

    /// Drops damaged turns and the later turns of the same assets (they were made from the damaged history).
    func dropEditTurns(_ damaged: [DamagedEditTurn]) throws {
        for turn in damaged {
            try database.query(
                "DELETE FROM edit_turns WHERE asset_id = ? AND turn >= ?",
                [.text(turn.assetID), .int(Int64(turn.turn))])
        }
    }
}
