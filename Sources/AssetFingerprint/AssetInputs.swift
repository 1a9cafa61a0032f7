import AssetManifest
import AssetSupport
import Foundation

/// One reference as it entered a fingerprint: its name for people, its content hash for the hash.
package struct InputReference: Sendable, Hashable, Codable {
    package enum Kind: String, Sendable, Codable { case file, asset }

    package var kind: Kind
    /// A project-relative path, or an asset id.
    package var name: String
    package var sha256: ContentHash

    package init(kind: Kind, name: String, sha256: ContentHash) {
        self.kind = kind
        self.name = name
        self.sha256 = sha256
    }
}

/// Everything that can change the picture, in one record. The fingerprint is a hash of it; the lock file
/// and the cache keep it so a later run can say exactly what changed.
package struct AssetInputs: Sendable, Hashable, Codable {
    package var provider: String
    package var model: String
    package var prompt: String
    package var systemInstruction: String?
    /// Canonical config values by manifest key (see `GenerationConfig.canonicalValues`).
    package var config: [String: String]
    package var references: [InputReference]
    /// The edit turns after the prompt (`edits:`), nil for an asset without them.
    package var edits: [EditInput]?

    enum CodingKeys: String, CodingKey {
        case provider, model, prompt, config, references, edits
        case systemInstruction = "system_instruction"
    }

    package init(
        provider: String, model: String, prompt: String, systemInstruction: String?, config: [String: String],
        references: [InputReference]
    ) {
        self.provider = provider
        self.model = model
        self.prompt = prompt
        self.systemInstruction = systemInstruction
        self.config = config
        self.references = references
    }

    /// Builds the inputs of `asset`, given each reference's content hash in order.
    package init(asset: ResolvedAsset, provider: String, referenceHashes: [ContentHash]) {
        precondition(referenceHashes.count == asset.references.count, "one hash per reference")
        self.provider = provider
        self.model = asset.modelID
        self.prompt = asset.prompt
        self.systemInstruction = asset.config.systemInstruction.map { $0.precomposedStringWithCanonicalMapping }
        self.config = Dictionary(uniqueKeysWithValues: asset.config.canonicalValues.map { ($0.key, $0.value) })
        self.references = zip(asset.references, referenceHashes).map { reference, hash in
            switch reference {
            case .file(let path, _): InputReference(kind: .file, name: path, sha256: hash)
            case .asset(let id): InputReference(kind: .asset, name: id, sha256: hash)
            }
        }
    }
}
