import AssetSupport
import Foundation

/// One edit turn as it entered a fingerprint: its instruction, its image config and thinking, its references.
package struct EditInput: Sendable, Hashable, Codable {
    package var prompt: String
    /// The turn's effective image config and thinking, canonical, by manifest key.
    package var config: [String: String]
    package var references: [InputReference]

    package init(prompt: String, config: [String: String], references: [InputReference]) {
        self.prompt = prompt
        self.config = config
        self.references = references
    }

    /// The config keys that enter a turn (the only ones a turn may change).
    package static let configKeys: Set = ["aspect_ratio", "image_size", "thinking_level", "include_thoughts"]
}

extension Fingerprint {
    /// Every turn's fingerprint, turn 0 (the prompt, references and config) first: turn k's is made from
    /// turn k − 1's and turn k's text, config and references, so a chain shares its unchanged prefix.
    package static func turns(of inputs: AssetInputs) -> [ContentHash] {
        var base = inputs
        base.edits = nil
        var hashes = [of(base)]
        for edit in inputs.edits ?? [] { hashes.append(turn(after: hashes[hashes.count - 1], edit)) }
        return hashes
    }

    /// The bytes hashed for a turn: `schema`, `edit.previous` (the previous turn's fingerprint), `edit.prompt`,
    /// `edit.config.KEY` sorted by key, then `edit.reference.N`, each field as in `canonicalEncoding`.
    static func turn(after previous: ContentHash, _ edit: EditInput) -> ContentHash {
        var out = CanonicalBytes(capacity: 160 + edit.prompt.utf8.count)
        out.field("schema", String(schemaVersion))
        out.field("edit.previous", previous.hex)
        out.field("edit.prompt", edit.prompt)
        for (key, value) in edit.config.sorted(by: { $0.key < $1.key }) { out.field("edit.config.", key, value) }
        for (index, reference) in edit.references.enumerated() {
            out.field("edit.reference.", String(index), reference.sha256.hex)
        }
        return out.bytes.withUnsafeBytes { SHA256.hash($0) }
    }
}

extension StaleReasons {
    /// The first edit turn that differs, and turns added or removed at the end.
    static func editReasons(old: [EditInput], new: [EditInput]) -> [StaleReason] {
        for (index, (before, after)) in zip(old, new).enumerated() where before != after {
            let what =
                before.prompt != after.prompt
                ? "text" : before.config != after.config ? "config" : "references"
            return [.editChanged(turn: index + 1, what: what)]
        }
        if new.count > old.count { return [.editsAdded(from: old.count, to: new.count)] }
        if new.count < old.count { return [.editsRemoved(from: old.count, to: new.count)] }
        return []
    }
}

extension EditInput {
    /// A lock file's `edits` list, from its JSON bytes; nil when it is not one.
    package static func decodeList(_ bytes: [UInt8]) -> [EditInput]? {
        try? JSONDecoder().decode([EditInput].self, from: Data(bytes))
    }
}
