import AssetCache
import AssetFingerprint
import AssetGit
import AssetManifest
import AssetProvenance
import AssetSupport
import Foundation

/// The variants of an asset's inputs as git keeps them: the note of the commit that made (or picked) the
/// asset's image for a fingerprint lists every variant (`variant_answers`: number → SHA-256), and the bytes
/// are blobs at `refs/generate-assets/answers`. A clone with no cache reads them from there, so `pick` and
/// `report` work where the variants were never made.
enum GitVariants {
    /// What git has of a fingerprint's variants.
    struct Found {
        /// The newest committed version made from the fingerprint, with the variants whose bytes git has.
        var version: CommittedImages.Version
        /// Every variant number the note lists (read or not).
        var listed: [Int]
        /// The listed variants whose bytes this clone's git lacks (the answers ref not fetched).
        var unreadable: [Int] { listed.filter { number in !version.variants.contains { $0.0 == number } } }
    }

    /// The variants of `asset`'s image made from `fingerprint`, read from the newest commit whose note (or
    /// lock file) records that fingerprint, every byte checked against its hash; nil outside git or when no
    /// commit records it.
    static func find(_ asset: ResolvedAsset, fingerprint: ContentHash, projectRoot: String, lockPath: String)
        -> Found?
    {
        guard let repository = try? GitRepository.discover(at: projectRoot),
            let head = try? repository.resolve("HEAD"),
            case let prefix = repository.prefix(of: projectRoot),
            let commits = try? repository.history(
                of: prefix + asset.historyPath, from: head, limit: CommittedImages.commitsSearched),
            case .found(let version)? = CommittedImages.committed(
                asset, fingerprint: fingerprint, commits: commits, repository: repository, prefix: prefix,
                lockPath: lockPath)
        else { return nil }
        let listed = (version.record.variantAnswers ?? [:]).keys.compactMap { Int($0) }.sorted()
        return Found(version: version, listed: listed)
    }

    /// Puts the variants git has of `fingerprint` into the cache, under the numbers the note gives them
    /// (answers the cache already holds for it are not stored twice).
    /// - Returns: what was found, or nil when git records none of them.
    @discardableResult
    static func importInto(
        _ cache: CacheStore, asset: ResolvedAsset, fingerprint: ContentHash, inputs: AssetInputs,
        context: ProjectContext
    ) throws -> Found? {
        guard
            let found = find(
                asset, fingerprint: fingerprint, projectRoot: context.project.root,
                lockPath: context.project.lockPath)
        else { return nil }
        // A version whose note lists no variants (or a lock file read in its place) says nothing of their numbers.
        guard !found.listed.isEmpty else { return found }
        try CommittedImages.store(found.version, fingerprint: fingerprint, inputs: inputs, asset: asset, cache: cache)
        return found
    }

    /// Why variant `number` cannot be picked in this clone, when git lists it (or the lock counts it) but
    /// this clone cannot read it: the fix fetches what Docs/Provenance.md tells teams to push.
    static func unreadable(_ number: Int, of id: String, found: Found?, recorded: Int, projectRoot: String)
        -> UserFacingError?
    {
        let fix =
            "fetch the notes and the images git keeps for the project: '\(HistoryAnswers.fetchLine)' "
            + "(if the one who made them never pushed them, they run 'git push origin refs/notes/generate-assets "
            + "\(GitRepository.answersRef)'); then pick again"
        if let found, found.unreadable.contains(number) {
            return UserFacingError(
                "variant \(number) of '\(id)' is kept in git at \(GitRepository.answersRef), which this clone has "
                    + "not fetched", fix: fix)
        }
        if found?.listed.isEmpty ?? true, recorded >= number {
            let fetched = ((try? GitRepository.discover(at: projectRoot)) ?? nil)?.hasAnswersRef ?? false
            return UserFacingError(
                "the \(recorded) variants of '\(id)' are not in this clone's cache, and "
                    + (fetched
                        ? "its git has no note listing them"
                        : "this clone has not fetched the notes and \(GitRepository.answersRef) that keep them"),
                fix: fix)
        }
        return nil
    }
}
