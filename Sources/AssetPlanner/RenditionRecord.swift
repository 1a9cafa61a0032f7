import AssetFingerprint
import AssetSupport

/// What the lock file (and a provenance note) records for one file derived from an asset's image: a
/// rendition, a catalog set's image, or a `Contents.json`.
package struct RenditionRecord: Sendable, Hashable, Codable {
    package var output: String
    /// Every parameter, canonically (`RenditionSpec.recipe`, `CatalogSet.recipe`).
    package var recipe: String
    /// `DerivedFingerprint` of the image it was made from and the recipe.
    package var fingerprint: ContentHash
    package var outputSHA256: ContentHash

    enum CodingKeys: String, CodingKey {
        case output, recipe, fingerprint
        case outputSHA256 = "output_sha256"
    }

    package init(output: String, recipe: String, fingerprint: ContentHash, outputSHA256: ContentHash) {
        self.output = output
        self.recipe = recipe
        self.fingerprint = fingerprint
        self.outputSHA256 = outputSHA256
    }
}

/// Explains, in words, how a derived file's recipe changed: `width changed (256 → 512)`.
package enum RecipeChanges {
    package static func between(old: String, new: String) -> [StaleReason] {
        guard old != new else { return [] }
        let (before, after) = (parameters(old), parameters(new))
        guard let before, let after else { return [.recipeChanged] }
        var reasons: [StaleReason] = []
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            switch (before[key], after[key]) {
            case (nil, let value?): reasons.append(.parameterAdded(key: key, value: value))
            case (let value?, nil): reasons.append(.parameterRemoved(key: key, was: value))
            case (let was?, let now?): reasons.append(.parameterChanged(key: key, from: was, to: now))
            default: break
            }
        }
        return reasons.isEmpty ? [.recipeChanged] : reasons
    }

    /// `key=value` words of a one-line rendition recipe; nil for other recipes (a catalog set's lists files).
    static func parameters(_ recipe: String) -> [String: String]? {
        guard recipe.hasPrefix("rendition:"), !recipe.contains("\n") else { return nil }
        var values: [String: String] = [:]
        for word in recipe.split(separator: " ").dropFirst() {
            let pair = word.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
        }
        return values
    }

    /// What changed between two versions' derived files, file by file.
    package static func between(old: [RenditionRecord], new: [RenditionRecord]) -> [StaleReason] {
        let before = Dictionary(old.map { ($0.output, $0) }, uniquingKeysWith: { first, _ in first })
        let now = Set(new.map(\.output))
        var reasons: [StaleReason] = []
        for record in new {
            guard let was = before[record.output] else {
                reasons.append(.fileAdded(record.output))
                continue
            }
            reasons += between(old: was.recipe, new: record.recipe).map { .file(record.output, $0) }
        }
        reasons += old.filter { !now.contains($0.output) }.map { .fileRemoved($0.output) }
        return reasons
    }
}

extension LockEntry {
    /// The file whose git history is this entry's: its output, or for a catalog set its first image.
    package var historyPath: String {
        CatalogPath.looksLikeSet(output) ? renditions?.first?.output ?? output : output
    }

    /// Every file this entry records: the output (unless it is a catalog set folder) and each derived file.
    package var writtenFiles: [String] {
        (CatalogPath.looksLikeSet(output) ? [] : [output]) + (renditions ?? []).map(\.output)
    }
}
