import AssetFingerprint
import AssetGit
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

package struct AssetVersion: Sendable, Codable {
    package var commit: String
    package var date: String
    package var author: String
    package var summary: String
    /// `note` (full provenance) or `lock` (the lock file at that commit: no model text, usage or cost).
    package var source: ProvenanceSource
    package var record: ProvenanceRecord?
    /// What changed since the previous version, in words.
    package var changes: [StaleReason]
    package var promptBefore: String?

    /// The notes' actions of a commit that made no provider call: its image was made before.
    package static let actionsWithoutCall: Set<String> = ["rendered", "restored", "picked"]

    /// The note's action of a commit made by `accept`: a file on disk taken as the image, with no call.
    package static let acceptedAction = "accepted by hand"

    /// What the other variants this commit made cost (`ProvenanceRecord.otherVariantsSpentUSD`); not encoded.
    package var otherVariantsUSD: Double = 0

    /// What this commit cost: nothing when it only rendered files from, restored or picked an image made
    /// before (the record still carries that image's cost); the record's cost otherwise, with the other
    /// variants it made.
    package var spentUSD: Double? {
        guard let record else { return nil }
        return Self.actionsWithoutCall.contains(record.action) ? 0 : record.costUSD.map { $0 + otherVariantsUSD }
    }

    enum CodingKeys: String, CodingKey {
        case commit, date, author, summary, source, record, changes
        case promptBefore = "prompt_before"
    }
}

/// The answer of `log` and `show`.
package struct AssetHistory: Sendable, Codable {
    package var asset: String?
    package var path: String
    package var versions: [AssetVersion]
    /// Set when some versions had no note: how to fetch them.
    package var hint: String?
}

/// Reads an asset's versions back from git: notes first, the committed lock file when notes are missing.
/// Where a version's provenance was read from: `note` (a git note), `lock` (`assets.lock` at that commit,
/// when the clone has no notes) or `none`.
package enum ProvenanceSource: String, Sendable, Codable {
    case note, lock, none
}

/// Reads the provenance of a path back from git: notes first, else `assets.lock` as committed.
package enum ProvenanceHistory {
    package static let fetchHint =
        "provenance notes are not in this clone; fetch them with: git fetch origin refs/notes/generate-assets:refs/notes/generate-assets"

    /// Every committed version of `path` (an output, or a file made from one) from `revision`, newest first,
    /// with what changed between each and the one before.
    /// - Parameters:
    ///   - id: the asset id, when known; `prefix`: the project's folder inside the work tree.
    package static func log(
        repository: GitRepository, id: String?, path: String, prefix: String, from revision: String, limit: Int
    ) throws -> AssetHistory {
        let start = try repository.resolve(revision)
        let commits = try repository.history(of: prefix + path, from: start, limit: limit)
        var versions = try commits.map { commit in
            try version(of: commit, id: id, path: path, prefix: prefix, repository: repository)
        }
        for index in versions.indices {
            guard let newer = versions[index].record else { continue }
            versions[index].otherVariantsUSD = newer.otherVariantsSpentUSD(
                since: index + 1 < versions.count ? versions[index + 1].record : nil)
            guard index + 1 < versions.count, let older = versions[index + 1].record else {
                versions[index].changes = [index + 1 < versions.count ? .previousVersionUnrecorded : .firstVersion]
                continue
            }
            var changes =
                StaleReasons.between(old: older.inputs, new: newer.inputs)
                + RecipeChanges.between(old: older.renditions ?? [], new: newer.renditions ?? [])
            if newer.action == AssetVersion.acceptedAction {
                changes.append(.acceptedByHand)
            } else if changes.isEmpty, newer.action == "picked" {
                changes = [.variantPicked(newer.picked ?? 1)]
            } else if changes.isEmpty {
                changes = [older.outputSHA256 == newer.outputSHA256 ? .sameImage : .regeneratedFromSameInputs]
            }
            versions[index].changes = changes
            if older.prompt != newer.prompt { versions[index].promptBefore = older.prompt }
        }
        let hint = versions.contains { $0.source == .lock } && !repository.hasNotesRef ? fetchHint : nil
        return AssetHistory(asset: id ?? versions.first?.record?.id, path: path, versions: versions, hint: hint)
    }

    package static func version(
        of commit: GitCommitInfo, id: String?, path: String, prefix: String, repository: GitRepository
    ) throws -> AssetVersion {
        var version = AssetVersion(
            commit: commit.id.hex, date: commit.time.iso8601, author: "\(commit.authorName) <\(commit.authorEmail)>",
            summary: commit.summary, source: .none, record: nil, changes: [], promptBefore: nil)
        // The asset's own record first (a set's appearances share its folder), else whichever wrote the path.
        if let text = repository.note(on: commit.id), let note = ProvenanceNote.parse(text),
            let record = note.assets.first(where: { id != nil && $0.id == id })
                ?? note.assets.first(where: { $0.covers(path) })
        {
            version.source = .note
            version.record = record
        } else if let data = try repository.contents(of: prefix + ManifestLoader.lockFileName, at: commit.id),
            let lock = try? JSONDecoder().decode(Lockfile.self, from: data),
            let (lockID, entry) = lock.assets.first(where: { $0.key == id })
                ?? lock.assets.first(where: { $0.value.output == path || $0.value.writtenFiles.contains(path) })
        {
            version.source = .lock
            version.record = ProvenanceRecord(entry: entry, id: lockID, action: "recorded", result: nil)
            try version.record?.recordTurns(entry.inputs, cache: nil, recorded: entry.turns)
        }
        return version
    }

}
