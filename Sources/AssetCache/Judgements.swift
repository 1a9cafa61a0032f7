import AssetSupport
import Foundation

/// The judge's answers about images (a check verdict, alt text), kept so an image is never judged twice for the
/// same question: keyed by the image's hash and a key naming the questions and the judge model.
extension CacheStore {
    /// The stored answer (JSON text) for this image and key, if any.
    package func judgement(image: ContentHash, key: ContentHash) throws -> String? {
        guard try schemaVersion() >= 9 else { return nil }
        return try database.query(
            "SELECT answer FROM judgements WHERE image_sha256 = ? AND question_key = ?",
            [.text(image.hex), .text(key.hex)]
        ).first?.first?.text
    }

    /// Stores (or replaces) an answer.
    package func storeJudgement(image: ContentHash, key: ContentHash, answer: String) throws {
        try database.query(
            "INSERT OR REPLACE INTO judgements (image_sha256, question_key, answer, created_at) VALUES (?, ?, ?, ?)",
            [.text(image.hex), .text(key.hex), .text(answer), .int(nowMilliseconds)])
    }
}
