/// Why an asset, or a file made from its image, is not fresh: a value until the output, where it becomes
/// the sentence `status`, `--json`, the review page and the notes have always shown.
package indirect enum StaleReason: Sendable, Hashable, CustomStringConvertible {
    // What changed in the inputs (`StaleReasons.between`).
    case new
    case providerChanged(from: String, to: String)
    case modelChanged(from: String, to: String)
    case promptChanged
    case systemInstructionChanged
    case configAdded(key: String, value: String)
    case configRemoved(key: String, was: String)
    case configChanged(key: String, from: String, to: String)
    case referenceAdded(ReferenceLabel)
    case referenceReplaced(index: Int, now: ReferenceLabel, was: String)
    case referenceChanged(ReferenceLabel)
    case referenceRemoved(String)
    case fingerprintRecipeChanged
    /// Edit turn `turn` (1-based) changed: it and every later turn run again, the earlier ones come from the cache.
    case editChanged(turn: Int, what: String)
    case editsAdded(from: Int, to: Int)
    case editsRemoved(from: Int, to: Int)

    // The output and its variants (the planner).
    case upstreamPending(String)
    case forcedVariant
    case variantsWanted(wanted: Int, made: Int)
    case outputMoved(from: String, to: String)
    case outputMissing
    case outputNotMadeByTool
    case outputModified
    case outputReplaced
    case frozen
    case realImageKept
    case imageLost
    /// The image is lost here but its output is committed art: no call would replace it; `fix` says how to get it.
    case imageNotInClone(fix: String)
    /// The image for these inputs was committed before (at `commit`): restored from git history, at no cost.
    case inHistory(commit: String)
    /// The output was edited by hand: kept as it is, at no cost; how to go on (`generated`: the tool's image exists).
    case editedByHand(id: String, generated: Bool)

    // A file made from the image: a rendition, a catalog set's image or `Contents.json`.
    case file(String, StaleReason)
    case fileAdded(String)
    case fileRemoved(String)
    case forced
    case missing
    case parameterAdded(key: String, value: String)
    case parameterRemoved(key: String, was: String)
    case parameterChanged(key: String, from: String, to: String)
    case recipeChanged
    case madeFromNewImage
    case fileNotMadeByTool
    case fileModified
    case setImagesChanged
    case contentsEditedOutside

    // A run: waiting, batches, variants.
    case waitsForUpstream([String])
    case needsCallWhileApplyingBatch
    case submittedInBatch
    case inBatchJob(name: String, state: String)
    case batchRequestFailed(String)
    /// The image has no passing verdict for the asset's current `checks:` (failed, or not judged yet).
    case checksNotPassed(String)
    case pickedVariant(Int)
    case variantPicked(Int)
    case regeneratedFromSameInputs
    /// A version committed by `accept`: the file on disk, not a new answer.
    case acceptedByHand

    // Between two committed versions (`log`).
    case firstVersion
    case previousVersionUnrecorded
    case sameImage
    /// A reason read back from text written earlier (a stored report, a note): kept as written.
    case recorded(String)

    /// A reference as a reason names it: another asset's output, or a file.
    package enum ReferenceLabel: Sendable, Hashable, CustomStringConvertible {
        case upstream(String)
        case file(String)

        package var description: String {
            switch self {
            case .upstream(let id): "upstream asset '\(id)'"
            case .file(let path): "reference '\(path)'"
            }
        }
    }

    package var description: String {
        switch self {
        case .new: "new"
        case .providerChanged(let from, let to): "provider changed (\(from) → \(to))"
        case .modelChanged(let from, let to): "model changed (\(from) → \(to))"
        case .promptChanged: "prompt changed"
        case .systemInstructionChanged: "system instruction changed"
        case .configAdded(let key, let value): "config '\(key)' added (\(value))"
        case .configRemoved(let key, let was): "config '\(key)' removed (was \(was))"
        case .configChanged(let key, let from, let to): "config '\(key)' changed (\(from) → \(to))"
        case .referenceAdded(let label): "\(label) added"
        case .referenceReplaced(let index, let now, let was): "references[\(index)] is now \(now) (was '\(was)')"
        case .referenceChanged(let label): "\(label) changed"
        case .referenceRemoved(let name): "reference '\(name)' removed"
        case .fingerprintRecipeChanged: "fingerprint recipe changed"
        case .editChanged(let turn, let what): "edit turn \(turn) is stale: its \(what) changed"
        case .editsAdded(let from, let to):
            to == from + 1 ? "edit turn \(to) added" : "edit turns \(from + 1)–\(to) added"
        case .editsRemoved(let from, let to):
            to == 0 ? "edits removed: the image is turn 0's" : "edit turns \(to + 1)–\(from) removed"
        case .upstreamPending(let id): "upstream asset '\(id)' will be regenerated"
        case .forcedVariant: "forced: a new variant"
        case .variantsWanted(let wanted, let made): "variants: \(wanted) wanted, \(made) made"
        case .outputMoved(let from, let to): "output moved (\(from) → \(to))"
        case .outputMissing: "output missing"
        case .outputNotMadeByTool: "output exists but was not made by generate-assets"
        case .outputModified: "output modified since it was generated"
        case .outputReplaced: "output is another generated image than the one assets.lock records"
        case .frozen: "frozen: its committed image is kept (generate --include-frozen to regenerate it)"
        case .realImageKept:
            "keeps its real image: a placeholder run does not replace real art (--replace-real-images to replace it)"
        case .imageLost: "the generated image is in neither the cache nor an output file, so it is made again"
        case .imageNotInClone(let fix):
            "the image its files are made from is in neither this cache nor git, so they cannot be made without replacing it: \(fix)"
        case .inHistory(let commit): "restore from history: committed before for these inputs (\(commit)), at no cost"
        case .editedByHand(let id, let generated):
            generated
                ? "edited by hand: kept as it is, at no cost; delete the file to get the generated image back at no cost, or keep your edit with 'generate-assets accept \(id)'"
                : "not made by generate-assets: kept as it is, at no cost; adopt it with 'generate-assets accept \(id)', or delete it to generate one"
        case .file(let path, let reason): "\(path): \(reason)"
        case .fileAdded(let path): "\(path) added"
        case .fileRemoved(let path): "\(path) removed"
        case .forced: "forced"
        case .missing: "missing"
        case .parameterAdded(let key, let value): "\(key) added (\(value))"
        case .parameterRemoved(let key, let was): "\(key) removed (was \(was))"
        case .parameterChanged(let key, let from, let to): "\(key) changed (\(from) → \(to))"
        case .recipeChanged: "recipe changed"
        case .madeFromNewImage: "made from the new image"
        case .fileNotMadeByTool: "exists but was not made by generate-assets"
        case .fileModified: "modified since it was written (delete it to render it again at no cost)"
        case .setImagesChanged: "the set's images changed"
        case .contentsEditedOutside: "changed outside generate-assets (its other keys are kept)"
        case .waitsForUpstream(let ids): "waits for upstream asset \(ids.map { "'\($0)'" }.joined(separator: ", "))"
        case .needsCallWhileApplyingBatch: "needs a provider call, not made while applying batch results"
        case .submittedInBatch: "submitted in a batch job"
        case .inBatchJob(let name, let state): "in batch job \(name) (\(state))"
        case .batchRequestFailed(let message): "batch request failed: \(message)"
        case .checksNotPassed(let message): "checks: \(message)"
        case .pickedVariant(let number): "picked variant \(number)"
        case .variantPicked(let number): "variant \(number) picked"
        case .regeneratedFromSameInputs: "regenerated from the same inputs"
        case .acceptedByHand: "accepted by hand"
        case .firstVersion: "first version"
        case .previousVersionUnrecorded: "previous version has no provenance"
        case .sameImage: "same image"
        case .recorded(let text): text
        }
    }
}

extension StaleReason {
    /// True for `inHistory`: a restore whose image comes from git history, not the cache.
    package var isFromHistory: Bool {
        if case .inHistory = self { return true }
        return description.hasPrefix("restore from history:")
    }

    /// Equal when they read the same, so a reason read back from a stored report (`recorded`) equals the
    /// value it was written from.
    package static func == (lhs: StaleReason, rhs: StaleReason) -> Bool { lhs.description == rhs.description }

    package func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

extension StaleReason: Codable {
    /// Encodes as its sentence: the `--json` contract is a list of strings.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    package init(from decoder: any Decoder) throws {
        self = .recorded(try decoder.singleValueContainer().decode(String.self))
    }
}
