import AssetCache
import AssetFingerprint
import AssetGit
import AssetPlanner
import AssetSupport
import Foundation

/// Generated images git keeps beside the commits (`refs/generate-assets/answers`): what a clone needs that
/// no committed file holds. Written when a commit is made; read when the cache lacks an image.
enum HistoryAnswers {
    /// How to get the notes and the answers ref from the remote, for messages: the line Docs/Provenance.md gives.
    static let fetchLine =
        "git fetch origin refs/notes/generate-assets:refs/notes/generate-assets \(GitRepository.answersRef):\(GitRepository.answersRef)"

    /// The fix for an image that neither the cache nor git has: fetch it, or have it pushed; never a re-roll.
    static func fix(for id: String) -> String {
        "fetch the images git keeps for the project ('\(fetchLine)'; if git refuses it because your own "
            + "answers ref has diverged: '\(AnswersMerger.fetchLine(remote: "origin"))', then "
            + "'generate-assets merge-answers'); if the one who made '\(id)' never pushed them, they run "
            + "'git push origin \(GitRepository.answersRef)'. Generating it again would replace the committed art"
    }

    /// For the planner: an image lost with the cache whose asset is committed (HEAD's lock records a generated
    /// image for it) is not made again, which would replace committed art, and this fix is given instead;
    /// otherwise (outside git, or never committed, so nobody else has it) nil: it is made again.
    static func lostImageFix(projectRoot: String, lockPath: String) -> @Sendable (String) -> String? {
        // HEAD's lock is read once, on the first lost image, then asked for each.
        let committed = LockedValue<Set<String>?>(nil)
        return { id in
            let ids = committed.withValue { ids in
                if ids == nil { ids = generatedAtHEAD(projectRoot: projectRoot, lockPath: lockPath) }
                return ids ?? []
            }
            return ids.contains(id) ? fix(for: id) : nil
        }
    }

    /// The assets HEAD's `assets.lock` records a generated (not placeholder) image for; none outside git.
    static func generatedAtHEAD(projectRoot: String, lockPath: String) -> Set<String> {
        guard let repository = try? GitRepository.discover(at: projectRoot),
            let head = try? repository.resolve("HEAD"),
            let data = try? repository.contents(of: repository.prefix(of: projectRoot) + lockPath, at: head),
            let lock = try? Lockfile.decode(data)
        else { return [] }
        return Set(lock.assets.filter { !$0.value.placeholder }.keys)
    }

    /// The answer with `sha256` from the project's git history, checked, and put into the cache when there is one.
    static func recover(_ sha256: ContentHash, projectRoot: String, into cache: CacheStore?) -> Data? {
        guard let repository = try? GitRepository.discover(at: projectRoot),
            let data = repository.answer(sha256.hex), SHA256.hash(data) == sha256
        else { return nil }
        _ = try? cache?.storeBlob(data, sha256: sha256)
        return data
    }

    /// True when git history holds the answer (checked).
    static func has(_ sha256: ContentHash, projectRoot: String) -> Bool {
        recover(sha256, projectRoot: projectRoot, into: nil) != nil
    }

    /// The answers a commit of these entries must keep in git (SHA-256 hex): each whose committed output is
    /// not the answer's own bytes (a catalog set, a converted output), and every variant of an asset with several.
    static func needed(by entries: [LockEntry], cache: CacheStore) -> Set<String> {
        var answers = Set<String>()
        for entry in entries {
            // A set's lock entry records its image as its output, but no committed file holds it.
            if let answer = entry.answerSHA256,
                answer != entry.outputSHA256 || !entry.writtenFiles.contains(entry.output)
            {
                answers.insert(answer.hex)
            }
            if (entry.variants ?? 1) > 1, let variants = try? cache.variants(of: entry.fingerprint) {
                answers.formUnion(variants.map(\.result.blobSHA256.hex))
            }
        }
        return answers
    }

    /// The bytes of an answer the cache holds, by SHA-256 hex.
    static func bytes(_ sha256: String, cache: CacheStore) -> Data? {
        ContentHash(hex: sha256).flatMap { try? cache.blob($0) }
    }
}
