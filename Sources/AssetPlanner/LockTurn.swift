import AssetFingerprint
import AssetSupport
import Foundation

/// One turn of an edit chain as `assets.lock` records it: the answer the model gave for the turn. The turn's
/// inputs are in the entry's `inputs` (turn 0: the prompt, references and config; turn k: `inputs.edits[k-1]`).
package struct LockTurn: Sendable, Hashable, Codable {
    /// 0 for the asset's prompt, k for edit k.
    package var turn: Int
    /// The turn's fingerprint (`Fingerprint.turns`), which keys its stored answer in the cache.
    package var fingerprint: ContentHash
    /// SHA-256 of the stored answer (the model's content, thought signatures included) and of the turn's image.
    package var answerSHA256: ContentHash
    package var imageSHA256: ContentHash
    package var modelVersion: String?
    package var usage: TokenUsage?
    package var costUSD: Double?

    package init(
        turn: Int, fingerprint: ContentHash, answerSHA256: ContentHash, imageSHA256: ContentHash,
        modelVersion: String?, usage: TokenUsage?, costUSD: Double?
    ) {
        self.turn = turn
        self.fingerprint = fingerprint
        self.answerSHA256 = answerSHA256
        self.imageSHA256 = imageSHA256
        self.modelVersion = modelVersion
        self.usage = usage
        self.costUSD = costUSD
    }

    enum CodingKeys: String, CodingKey {
        case turn, fingerprint, usage
        case answerSHA256 = "answer_sha256"
        case imageSHA256 = "image_sha256"
        case modelVersion = "model_version"
        case costUSD = "cost_usd"
    }

}

extension LockfileReader {
    /// One `turns` element, as `JSONDecoder` would read it; nil for anything else.
    static func turn(_ scanner: inout JSONScanner) -> LockTurn? {
        var turn: Int?
        var fingerprint: ContentHash?
        var answer: ContentHash?
        var image: ContentHash?
        var modelVersion: String?
        var usage: TokenUsage?
        var cost: Double?
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: turnKeys) else { return false }
            switch key {
            case "turn": return assign(&turn, scanner.int())
            case "fingerprint": return assign(&fingerprint, hash(&scanner))
            case "answer_sha256": return assign(&answer, hash(&scanner))
            case "image_sha256": return assign(&image, hash(&scanner))
            case "model_version": return scanner.null() || assign(&modelVersion, scanner.string())
            case "usage": return scanner.null() || assign(&usage, tokenUsage(&scanner))
            case "cost_usd": return scanner.null() || assign(&cost, double(&scanner))
            default: return scanner.skipValue()
            }
        }
        guard read, let turn, let fingerprint, let answer, let image else { return nil }
        return LockTurn(
            turn: turn, fingerprint: fingerprint, answerSHA256: answer, imageSHA256: image, modelVersion: modelVersion,
            usage: usage, costUSD: cost)
    }

    /// `TokenUsage`'s five counts, each required, as its synthesized `Decodable` reads them.
    static func tokenUsage(_ scanner: inout JSONScanner) -> TokenUsage? {
        var counts: [String: Int] = [:]
        let read = scanner.object { scanner, key in
            guard usageKeys.contains(key) else { return scanner.skipValue() }
            guard counts[key] == nil else { return false }
            return assign(&counts[key], scanner.int())
        }
        guard read, let prompt = counts["promptTokens"], let output = counts["outputTokens"],
            let thoughts = counts["thoughtsTokens"], let image = counts["imageTokens"],
            let total = counts["totalTokens"]
        else { return nil }
        return TokenUsage(
            promptTokens: prompt, outputTokens: output, thoughtsTokens: thoughts, imageTokens: image,
            totalTokens: total)
    }

    /// A finite JSON number (correctly rounded, as `JSONDecoder` reads a `Double`); nil for anything else.
    static func double(_ scanner: inout JSONScanner) -> Double? {
        guard let raw = scanner.rawValue(), let first = raw.first,
            first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
            let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }

    static let turnKeys = [
        "turn", "fingerprint", "answer_sha256", "image_sha256", "model_version", "usage", "cost_usd",
    ]
    static let usageKeys: Set = ["promptTokens", "outputTokens", "thoughtsTokens", "imageTokens", "totalTokens"]
}
