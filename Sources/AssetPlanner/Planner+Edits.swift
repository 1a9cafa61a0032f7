import AssetFingerprint
import AssetManifest
import AssetSupport

extension Planner {
    /// The inputs of an asset's edit turns: each turn's text, image config and thinking, and its files' hashes.
    func editInputs(_ asset: ResolvedAsset) throws -> [EditInput] {
        try asset.edits.map { edit in
            let references = try edit.references.map { reference -> InputReference in
                guard case .file(let path, _) = reference, let hash = try hasher.hash(path) else {
                    throw UserFacingError(
                        "a reference of an edit of asset '\(asset.id)' disappeared during the run",
                        fix: "restore the file and run again")
                }
                return InputReference(kind: .file, name: path, sha256: hash)
            }
            return EditInput(
                prompt: edit.prompt, config: EditInput.turnConfig(edit.config), references: references)
        }
    }
}

extension EditInput {
    /// The canonical values of a turn's config that enter its fingerprint.
    package static func turnConfig(_ config: GenerationConfig) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: config.canonicalValues.filter { configKeys.contains($0.key) }.map {
                ($0.key, $0.value)
            })
    }
}
