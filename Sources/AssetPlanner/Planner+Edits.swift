import AssetFingerprint
import AssetManifest
import AssetSupport

extension Planner {
    /// The inputs of an asset's edit turns: each turn's text, image config and thinking, and its references'
    /// hashes (a file's bytes; an upstream asset's image from `upstream`, or `unknownHash` while it is pending).
    func editInputs(_ asset: ResolvedAsset, upstream: [String: ContentHash]) throws -> [EditInput] {
        try asset.edits.map { edit in
            let references = try edit.references.map { reference -> InputReference in
                switch reference {
                case .asset(let id):
                    return InputReference(kind: .asset, name: id, sha256: upstream[id] ?? Self.unknownHash)
                case .file(let path, _):
                    guard let hash = try hasher.hash(path) else {
                        throw UserFacingError(
                            "a reference of an edit of asset '\(asset.id)' disappeared during the run",
                            fix: "restore the file and run again")
                    }
                    return InputReference(kind: .file, name: path, sha256: hash)
                }
            }
            return EditInput(
                prompt: edit.prompt, config: EditInput.turnConfig(edit.config), references: references)
        }
    }

    /// The edits with every upstream image's hash unknown, to compare settings while an upstream is pending.
    static func upstreamUnknown(_ edits: [EditInput]) -> [EditInput] {
        edits.map { edit in
            var edit = edit
            edit.references = edit.references.map { reference in
                var reference = reference
                if reference.kind == .asset { reference.sha256 = unknownHash }
                return reference
            }
            return edit
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
    /// - Parameter batch: at the Batch API's price.
    package func chainCost(_ plan: AssetPlan, inputs: AssetInputs, batch: Bool = false) throws -> Double? {
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
        return Self.price(of: turns, sizes: sizes, asset, batch: batch)
    }

    /// The list price of a chain whose upstream is not made yet: every turn, then the last again per further call.
    func pendingChainCost(_ asset: ResolvedAsset, calls: Int) -> Double? {
        guard calls > 0, !providerIsFree else { return 0 }
        let last = asset.edits.count
        let turns = Array(0...last) + Array(repeating: last, count: calls - 1)
        return Self.price(of: turns, sizes: [asset.config.imageSize] + asset.edits.map(\.config.imageSize), asset)
    }

    static func price(of turns: [Int], sizes: [String?], _ asset: ResolvedAsset, batch: Bool = false) -> Double? {
        var total = 0.0
        for turn in turns {
            let size = sizes[turn]
            guard
                let price = batch
                    ? asset.model?.batchImagePrice(imageSize: size) : asset.model?.imagePrice(imageSize: size)
            else { return nil }
            total += price
        }
        return total
    }
}
