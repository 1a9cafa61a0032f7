import AssetSupport
import Foundation

/// Thought signatures as the Gemini 3 image models hand them out and check them: each signed part (every
/// non-thought image part, and the first non-thought text part) carries an HMAC-SHA256 of its bytes under a
/// key only the stub knows, so a replayed model turn proves its parts came back unchanged.
enum StubSignatures {
    /// The stub's own key; a client cannot make a signature the stub accepts.
    static let key = Array("gemini-stub thought-signature key, never sent".utf8)

    /// The Gemini 3 family signs and checks; older models' answers keep their plain signatures.
    static func signs(_ model: StubModel) -> Bool { model.id.hasPrefix("gemini-3") }

    /// HMAC-SHA256 (RFC 2104) of `message`, base64.
    static func sign(_ message: Data) -> String {
        var block = key.count > 64 ? digest(Data(key)) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = digest(Data(block.map { $0 ^ 0x36 }) + message)
        return Data(digest(Data(block.map { $0 ^ 0x5c } + inner))).base64EncodedString()
    }

    static func digest(_ data: Data) -> [UInt8] {
        let hex = Array(SHA256.hash(data).hex.utf8)
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        return stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
    }

    /// The bytes a part's signature covers: an image's decoded bytes, a text's UTF-8.
    static func signedBytes(_ part: [String: Any]) -> Data? {
        if let inline = part["inlineData"] as? [String: Any] {
            return (inline["data"] as? String).flatMap { Data(base64AnyAlphabet: $0) }
        }
        return (part["text"] as? String).map { Data($0.utf8) }
    }

    /// Signs the parts of an answer: every non-thought image part and the first non-thought text part.
    static func signParts(_ parts: [[String: Any]]) -> [[String: Any]] {
        var signedText = false
        return parts.map { part in
            guard (part["thought"] as? Bool) != true else { return part }
            var part = part
            part["thoughtSignature"] = nil
            let isImage = part["inlineData"] != nil
            guard isImage || (part["text"] != nil && !signedText), let bytes = signedBytes(part) else { return part }
            if !isImage { signedText = true }
            part["thoughtSignature"] = sign(bytes)
            return part
        }
    }

    /// The service's refusal of a replayed model turn whose image part lost its signature, or whose signature
    /// does not match its part (changed, or on bytes that changed). Positions count from 1.
    static func check(_ body: [String: Any]) -> StubRefusal? {
        let contents = (body["contents"] as? [[String: Any]]) ?? []
        for (contentIndex, content) in contents.enumerated() where content["role"] as? String == "model" {
            for (partIndex, part) in ((content["parts"] as? [[String: Any]]) ?? []).enumerated()
            where (part["thought"] as? Bool) != true {
                guard let signature = part["thoughtSignature"] as? String else {
                    if part["inlineData"] != nil {
                        return StubRefusal(
                            400,
                            "Image part is missing a thought_signature in content position \(contentIndex + 1), part position \(partIndex + 1). Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."
                        )
                    }
                    continue
                }
                guard let bytes = signedBytes(part), sign(bytes) == signature else {
                    return StubRefusal(
                        400,
                        "Unable to submit request because Thought signature is not valid (content position \(contentIndex + 1), part position \(partIndex + 1))."
                    )
                }
            }
        }
        return nil
    }

    /// The conversation's turn number (its user turns) and its last instruction: what the stub's image shows.
    static func turnLabel(_ body: [String: Any]) -> String {
        let users = ((body["contents"] as? [[String: Any]]) ?? []).filter {
            ($0["role"] as? String ?? "user") == "user"
        }
        let last = ((users.last?["parts"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }.first ?? ""
        return "turn \(users.count): \(last.prefix(200))"
    }
}
