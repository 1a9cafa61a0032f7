import AssetCache
import AssetFingerprint
import AssetGit
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation

/// What `generate` did in git.
package struct GitPublication: Sendable, Codable {
    package var commit: String?
    package var paths: [String]
    package var warnings: [Diagnostic]
}

/// Commits a run's outputs and the lock in one commit, with a provenance note.
enum GitPublisher {
    /// - Parameters:
    ///   - action: what the note says was done, instead of each outcome's `generated`, `restored` or `recorded`.
    ///   - subject: the commit message, instead of one naming the assets.
    ///   - withManifest: commit the manifest too, when the commit happens (never a commit of the manifest alone).
    static func publish(
        context: ProjectContext, outcomes: [AssetOutcome], lock: Lockfile, action: String? = nil,
        subject: String? = nil,
        withManifest: Bool = false
    ) throws -> GitPublication {
        var publication = GitPublication(commit: nil, paths: [], warnings: [])
        guard let repository = try GitRepository.discover(at: context.project.root) else {
            // Said when something was written that would have been committed, not on every no-op run.
            let wrote = outcomes.contains { [.generated, .restored, .rendered].contains($0.state) }
            guard wrote else { return publication }
            publication.warnings.append(
                Diagnostic(
                    .warning,
                    "not in a git repository: outputs were written but not committed (run 'git init' to keep their provenance in history)"
                ))
            return publication
        }
        if let operation = repository.operationInProgress {
            publication.warnings.append(
                Diagnostic(
                    .warning,
                    "not committing: \(operation) is in progress; finish it, then run generate-assets again to commit the outputs"
                ))
            return publication
        }
        let prefix = repository.prefix(of: context.project.root)
        // Only files that are exactly what generate-assets wrote: never a hand edit it refused to overwrite.
        var byPath: [String: (id: String, entry: LockEntry)] = [:]
        for outcome in outcomes where outcome.state != .failed {
            guard let entry = lock.assets[outcome.id] else { continue }
            let recorded =
                [(entry.output, entry.outputSHA256)] + (entry.renditions ?? []).map { ($0.output, $0.outputSHA256) }
            for (path, hash) in recorded where entry.writtenFiles.contains(path) {
                if try context.hasher.hash(path) == hash { byPath[prefix + path] = (outcome.id, entry) }
            }
        }
        var candidates =
            byPath.keys.sorted() + [prefix + context.project.lockPath]
            + (context.project.altTextFile.map { [prefix + $0] } ?? [])
        for path in candidates where repository.isIgnored(path) {
            publication.warnings.append(
                Diagnostic(.warning, "\(path) is ignored by .gitignore, so it is not committed"))
        }
        candidates.removeAll { repository.isIgnored($0) }
        // The images a clone needs that no committed file holds go into git first, so no note names one
        // that is not there.
        if let cache = context.cache {
            var ids = Set<String>()
            let entries = byPath.values.filter { ids.insert($0.id).inserted }.map(\.entry)
            do {
                let turns = HistoryAnswers.turnAnswers(of: entries, cache: cache)
                try repository.storeAnswers(HistoryAnswers.needed(by: entries, cache: cache).union(turns.keys)) {
                    turns[$0] ?? HistoryAnswers.bytes($0, cache: cache)
                }
            } catch {
                publication.warnings.append(
                    Diagnostic(
                        .warning, "the generated images were not stored in git (\(error))",
                        fix: "run again; until then a clone without this cache cannot recover them"))
            }
        }
        let manifest = prefix + context.project.manifestPath
        let companions = withManifest && !repository.isIgnored(manifest) ? [manifest] : []
        let actions = Dictionary(outcomes.map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
        let outcome = try repository.commit(
            paths: candidates, companions: companions,
            message: { changed in
                subject ?? message(for: changed.compactMap { byPath[$0]?.id })
            },
            note: { changed in
                var seen = Set<String>()
                // An action named by the command (`accept`) is recorded for each asset whose lock entry it
                // changed, also when none of its files did (a set accepted with the image its files were made from).
                let named =
                    action == nil
                    ? []
                    : byPath.keys.sorted().filter { path in
                        guard let (id, entry) = byPath[path] else { return false }
                        let old = context.lock.assets[id]
                        return old?.fingerprint != entry.fingerprint || old?.answerSHA256 != entry.answerSHA256
                    }
                let records = try (changed + named).compactMap { path -> ProvenanceRecord? in
                    guard let (id, entry) = byPath[path], seen.insert(id).inserted else { return nil }
                    let done =
                        action
                        ?? (actions[id] == .generated
                            ? "generated"
                            : actions[id] == .restored
                                ? "restored" : actions[id] == .rendered ? "rendered" : "recorded")
                    let result = try context.cache.flatMap { cache in
                        try entry.recordedVariant(in: cache)?.result ?? cache.result(for: entry.fingerprint)
                    }
                    var record = ProvenanceRecord(entry: entry, id: id, action: done, result: result)
                    if (entry.variants ?? 1) > 1, let variants = try context.cache?.variants(of: entry.fingerprint) {
                        record.recordVariants(variants)
                    }
                    try record.recordTurns(entry.inputs, cache: context.cache)
                    return record
                }
                return records.isEmpty ? nil : try ProvenanceNote(assets: records).text()
            })
        if case .committed(let id, let paths, let fallback) = outcome {
            publication.commit = id.hex
            publication.paths = paths
            if fallback {
                publication.warnings.append(
                    Diagnostic(
                        .warning,
                        "git has no user.name/user.email here; committed as 'generate-assets <generate-assets@localhost>' (set them with git config)"
                    ))
            }
            if repository.hasUncommittedChanges(manifest) {
                publication.warnings.append(
                    Diagnostic(
                        .warning,
                        "\(manifest) has changes that are not committed, and the images just committed were made from them",
                        fix:
                            "commit \(manifest) too, so a teammate who checks out this commit gets the manifest that made them: pass --commit-manifest, or set 'git: {commit_manifest: true}' in \(manifest) to do it on every run"
                    ))
            }
        }
        return publication
    }

    static func message(for ids: [String]) -> String {
        guard !ids.isEmpty else { return "generate-assets: update assets.lock" }
        let sorted = Set(ids).sorted()
        return "generate-assets: \(sorted.count) asset\(sorted.count == 1 ? "" : "s") (\(Listing.first(8, of: sorted)))"
    }
}

extension GitRepository {
    /// The project folder's path inside the work tree, with a trailing slash ("" at the top).
    func prefix(of projectRoot: String) -> String {
        let workdir = ProjectPath.resolved(String(self.workdir.dropLast()))
        return projectRoot == workdir ? "" : String(projectRoot.dropFirst(workdir.count + 1)) + "/"
    }
}
