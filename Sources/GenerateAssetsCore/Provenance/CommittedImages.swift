import AssetCache
import AssetFingerprint
import AssetGit
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation

/// Images already committed for the inputs an asset needs now. A prompt reverted to one a teammate used
/// before has its image in git history: the output at a commit whose `assets.lock` records the same
/// fingerprint. Those bytes go into the cache, so the asset is restored for nothing, even in a clone whose
/// cache never saw them, instead of being paid for again.
enum CommittedImages {
    /// How many versions of each output are searched, newest first.
    static let commitsSearched = 20

    /// Puts into the cache the committed image of every plan that would otherwise call the provider.
    /// - Returns: how many were found; when any were, plan again.
    static func importInto(_ cache: CacheStore, plans: [AssetPlan], context: ProjectContext) -> Int {
        let wanted = plans.filter { plan in
            plan.state == .stale && plan.calls > 0 && plan.cachedAnswer == nil && !plan.forced
                && plan.fingerprint != nil
                && plan.inputs != nil && plan.asset.hasOutputFile && context.lock.assets[plan.asset.id] != nil
        }
        guard !wanted.isEmpty, let repository = try? GitRepository.discover(at: context.project.root),
            let head = try? repository.resolve("HEAD")
        else { return 0 }
        let prefix = repository.prefix(of: context.project.root)
        var found = 0
        for plan in wanted {
            guard let fingerprint = plan.fingerprint, let inputs = plan.inputs,
                let (bytes, version) = committed(
                    plan.asset.output, id: plan.asset.id, fingerprint: fingerprint, repository: repository,
                    prefix: prefix, head: head, lockPath: context.project.lockPath)
            else { continue }
            let now = context.clock.now()
            let result = CachedResult(
                fingerprint: fingerprint, blobSHA256: version.sha256, provider: version.provider, model: version.model,
                isPlaceholder: version.placeholder, modelVersion: nil, responseID: nil, text: nil,
                thoughtSignatures: [],
                usage: nil, costUSD: nil, inputs: inputs, startedAt: now, finishedAt: now)
            if (try? cache.storeVariant(result, image: bytes, choose: false)) != nil { found += 1 }
        }
        return found
    }

    /// A committed version of an output, and what made it.
    struct Version {
        var fingerprint: ContentHash
        var sha256: ContentHash
        var provider: String
        var model: String
        var placeholder: Bool
    }

    /// The bytes of `output` at the newest commit that made it from `fingerprint`, checked against the hash
    /// recorded with it. Each version is read from its provenance note, or from the lock file at that commit.
    static func committed(
        _ output: String, id: String, fingerprint: ContentHash, repository: GitRepository, prefix: String,
        head: GitObjectID, lockPath: String
    ) -> (Data, Version)? {
        guard let commits = try? repository.history(of: prefix + output, from: head, limit: commitsSearched) else {
            return nil
        }
        for commit in commits {
            let version: Version?
            if let note = repository.note(on: commit.id).flatMap(ProvenanceNote.parse),
                let record = note.assets.first(where: { $0.id == id && $0.output == output })
            {
                version = Version(
                    fingerprint: record.fingerprint, sha256: record.outputSHA256, provider: record.provider,
                    model: record.model, placeholder: record.placeholder)
            } else if let data = try? repository.contents(of: prefix + lockPath, at: commit.id),
                let entry = (try? Lockfile.decode(data))?.assets[id], entry.output == output
            {
                version = Version(
                    fingerprint: entry.fingerprint, sha256: entry.outputSHA256, provider: entry.provider,
                    model: entry.model, placeholder: entry.placeholder)
            } else {
                version = nil
            }
            guard let version, version.fingerprint == fingerprint,
                let bytes = try? repository.contents(of: prefix + output, at: commit.id),
                SHA256.hash(bytes) == version.sha256
            else { continue }
            return (bytes, version)
        }
        return nil
    }
}
