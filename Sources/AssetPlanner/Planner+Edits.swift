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

extension Planner {
    /// The list price of the turns the plan's calls run: the first call runs every turn from the first one the
    /// cache lacks; each further variant runs the last turn again.
    func chainCost(_ plan: AssetPlan, inputs: AssetInputs) throws -> Double? {
        let asset = plan.asset
        guard plan.calls > 0, !providerIsFree else { return 0 }
        let prints = Fingerprint.turns(of: inputs)
        let sizes = [asset.config.imageSize] + asset.edits.map(\.config.imageSize)
        var held = 0
        if plan.variantsMade == 0 {
            while held < prints.count, try cache?.hasEditTurn(prints[held]) == true { held += 1 }
        }
        var turns = plan.variantsMade > 0 ? [prints.count - 1] : Array(held..<prints.count)
        turns += Array(repeating: prints.count - 1, count: plan.calls - 1)
        var total = 0.0
        for turn in turns {
            guard let price = asset.model?.imagePrice(imageSize: sizes[turn]) else { return nil }
            total += price
        }
        return total
    }
}
