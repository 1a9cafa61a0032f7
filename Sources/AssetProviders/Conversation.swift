import AssetSupport
import Foundation

/// One earlier turn of a multi-turn edit, as a request replays it.
package enum ConversationTurn: Sendable {
    /// What the user sent: the instruction, then the turn's images.
    case user(prompt: String, references: [ReferenceImage])
    /// The model's `content` object exactly as it answered (every part in order, thought parts included, each
    /// `thoughtSignature` untouched), as canonical JSON: keys sorted, slashes unescaped (see `ModelContent`).
    case model(content: Data)
}

/// The model's `content` of an answer, kept to be replayed in the next turn's request.
package enum ModelContent {
    /// Canonical JSON of a content object: the same bytes however often it is read and written again.
    package static func encode(_ content: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: content, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The content object back from its stored bytes; nil when they are not a JSON object.
    package static func decode(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Every image a stored content carries (`inlineData`, thought images included), decoded.
    package static func images(_ data: Data) -> [Data] {
        parts(data).compactMap { part in
            ((part["inlineData"] as? [String: Any])?["data"] as? String).flatMap { Data(base64Encoded: $0) }
        }
    }

    /// The parts of a stored content, for checks (a signature on every image part).
    package static func parts(_ data: Data) -> [[String: Any]] {
        (decode(data)?["parts"] as? [[String: Any]]) ?? []
    }
}
