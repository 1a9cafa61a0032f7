import AssetCache
import AssetFingerprint
import AssetGit
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation

/// Images already committed for the inputs an asset needs now. A prompt reverted to one a teammate used
/// before has its image in git history: the output at a commit whose note (or `assets.lock`) records the
/// same fingerprint, and the answer it was made from (`refs/generate-assets/answers`) when that is not the
/// output's own bytes. They go into the cache with the original answer's provenance, so the asset is
/// restored for nothing, even in a clone whose cache never saw them, instead of being paid for again.
enum CommittedImages {
    /// How many versions of each output are searched, newest first.
    static let commitsSearched = 20

    /// Plans `assets`, then searches git history for the image of every asset that would call the provider,
    /// planning again after each round until nothing more is found: an asset's fingerprint is known only
    /// once its upstream assets are restored, so a revert anywhere in the graph is restored level by level.
    /// The one path for `status`, `generate --dry-run` and `generate`: with `storeInto` (generate), what was
    /// found goes into the cache and is planned from there; without, it is planned from memory and nothing
    /// is written.
    /// - Returns: the plans, and what was found (the images this clone lacks among it, for warnings).
    static func plan(
        _ assets: [ResolvedAsset], planner: Planner, context: ProjectContext, storeInto cache: CacheStore?
    ) throws -> (plans: [AssetPlan], finds: HistoryFinds) {
        let finds = HistoryFinds(base: planner.cache)
        finds.addTurns(from: context.lock, projectRoot: context.project.root)
        var overlay = planner
        overlay.cache = finds
        var plans = try overlay.plan(assets)
        for _ in 0...plans.count {
            guard search(plans, into: finds, context: context) > 0 else { break }
            plans = try overlay.plan(assets)
        }
        if let cache, !finds.isEmpty {
            finds.store(into: cache)
            plans = try planner.plan(assets)
        }
        return (finds.annotate(plans), finds)
    }

    /// Looks in history for the committed image of every plan that would otherwise call the provider.
    /// - Returns: how many were found; when any were, plan again.
    static func search(_ plans: [AssetPlan], into finds: HistoryFinds, context: ProjectContext) -> Int {
        let wanted = plans.filter { plan in
            plan.state == .stale && plan.calls > 0 && plan.cachedAnswer == nil && !plan.forced
                && !plan.editedByHand && plan.fingerprint != nil && plan.inputs != nil
                && context.lock.assets[plan.asset.id] != nil
        }
        guard !wanted.isEmpty, let repository = try? GitRepository.discover(at: context.project.root),
            let head = try? repository.resolve("HEAD")
        else { return 0 }
        let prefix = repository.prefix(of: context.project.root)
        // One walk of history for every asset searched: each commit is read once.
        guard
            let histories = try? repository.histories(
                of: wanted.map { prefix + $0.asset.historyPath }, from: head, limit: commitsSearched)
        else { return 0 }
        var found = 0
        for plan in wanted {
            guard let fingerprint = plan.fingerprint, let inputs = plan.inputs else { continue }
            switch committed(
                plan.asset, fingerprint: fingerprint, commits: histories[prefix + plan.asset.historyPath] ?? [],
                repository: repository, prefix: prefix, lockPath: context.project.lockPath)
            {
            case .found(let version):
                finds.add(version, fingerprint: fingerprint, inputs: inputs, asset: plan.asset)
                found += 1
            case .missing(let commit, let image):
                finds.addMissing(.init(asset: plan.asset.id, fingerprint: fingerprint, commit: commit, image: image))
            case .none: continue
            }
        }
        return found
    }

    /// A committed version of an image: what made it, and its bytes as git has them.
    struct Version {
        var record: ProvenanceRecord
        /// The commit it was found at (abbreviated).
        var commit: String
        /// The answer's bytes (the output's own when they are the answer).
        var answer: Data
        /// The committed output when it is a conversion of the answer.
        var convertedOutput: Data?
        /// Every variant's bytes by number, when the note lists several that git keeps.
        var variants: [(Int, Data)] = []
    }

    /// What history holds for an asset's inputs: a version with its bytes, or only the hash of an image
    /// that this clone lacks (kept under `refs/generate-assets/answers`, not fetched).
    enum Lookup {
        case found(Version)
        case missing(commit: String, image: ContentHash)
    }

    /// The newest of `commits` (the asset's versions) that made the asset's image from `fingerprint`, read from its provenance note or
    /// the lock file at that commit, with every byte checked against the hash recorded with it; else the
    /// newest such commit whose image this clone lacks; nil when history never made it.
    static func committed(
        _ asset: ResolvedAsset, fingerprint: ContentHash, commits: [GitCommitInfo], repository: GitRepository,
        prefix: String, lockPath: String
    ) -> Lookup? {
        var missing: Lookup?
        for commit in commits {
            var record: ProvenanceRecord?
            if let note = repository.note(on: commit.id).flatMap(ProvenanceNote.parse) {
                record = note.assets.first { $0.id == asset.id && $0.output == asset.output }
            }
            if record == nil, let data = try? repository.contents(of: prefix + lockPath, at: commit.id),
                let entry = (try? Lockfile.decode(data))?.assets[asset.id], entry.output == asset.output
            {
                record = ProvenanceRecord(entry: entry, id: asset.id, action: "recorded", result: nil)
            }
            guard let record, record.fingerprint == fingerprint,
                let lookup = bytes(of: record, asset: asset, commit: commit.id, repository: repository, prefix: prefix)
            else { continue }
            if case .found = lookup { return lookup }
            missing = missing ?? lookup
        }
        return missing
    }

    /// The answer (and the committed output, when converted from it) of a recorded version; `missing` when
    /// git lacks the answer, nil when a committed file does not match its recorded hash.
    static func bytes(
        of record: ProvenanceRecord, asset: ResolvedAsset, commit: GitObjectID, repository: GitRepository,
        prefix: String
    ) -> Lookup? {
        let short = String(commit.hex.prefix(10))
        func answer(_ hash: ContentHash) -> Data? {
            repository.answer(hash.hex).flatMap { SHA256.hash($0) == hash ? $0 : nil }
        }
        var output: Data?
        if asset.hasOutputFile {
            guard let bytes = try? repository.contents(of: prefix + asset.output, at: commit),
                SHA256.hash(bytes) == record.outputSHA256
            else { return nil }
            output = bytes
        }
        let answerHash = record.answerSHA256 ?? record.outputSHA256
        var version: Version
        if answerHash == record.outputSHA256, let output {
            version = Version(record: record, commit: short, answer: output)
        } else {
            // The output was converted from the answer (or a set has no file): the answer itself is needed,
            // never the output's bytes in its place.
            guard let bytes = answer(answerHash) else { return .missing(commit: short, image: answerHash) }
            version = Version(record: record, commit: short, answer: bytes, convertedOutput: output)
        }
        for (key, hash) in record.variantAnswers ?? [:] {
            guard let number = Int(key) else { continue }
            if let bytes = hash == answerHash ? version.answer : answer(hash) {
                version.variants.append((number, bytes))
            }
        }
        version.variants.sort { $0.0 < $1.0 }
        return .found(version)
    }

    /// Stores a version as the fingerprint's variants (the recorded one chosen), with the note's provenance
    /// and, for a converted output, the committed output as its conversion, so a restore writes it byte for byte.
    static func store(
        _ version: Version, fingerprint: ContentHash, inputs: AssetInputs, asset: ResolvedAsset, cache: CacheStore
    ) throws {
        let record = version.record
        let answerHash = SHA256.hash(version.answer)
        let parse = { (text: String?) in text.flatMap { Date(iso8601: $0) } }
        let now = cache.clock.now()
        // The call that made each answer: the record's own, or the one its note lists for that variant.
        func result(_ blob: ContentHash, number: Int? = nil) -> CachedResult {
            let call = blob == answerHash ? VariantCall(record) : number.flatMap { record.variantCalls?[String($0)] }
            return CachedResult(
                fingerprint: fingerprint, blobSHA256: blob, provider: record.provider, model: record.model,
                isPlaceholder: record.placeholder, modelVersion: call?.modelVersion ?? record.modelVersion,
                responseID: call?.responseID, text: call?.text, usage: call?.usage, costUSD: call?.costUSD,
                inputs: inputs, startedAt: parse(call?.startedAt ?? record.startedAt) ?? now,
                finishedAt: parse(call?.finishedAt ?? record.finishedAt) ?? now, batchJob: call?.batchJob)
        }
        if version.variants.contains(where: { SHA256.hash($0.1) == answerHash }) {
            // Answers the cache already holds for these inputs keep their numbers: never stored twice.
            let known = Set(try cache.variants(of: fingerprint).map(\.result.blobSHA256))
            for (number, bytes) in version.variants where !known.contains(SHA256.hash(bytes)) {
                try cache.storeVariant(
                    result(SHA256.hash(bytes), number: number), image: bytes, atLeast: number, choose: false)
            }
            try cache.choose(fingerprint, variant: record.picked ?? 1)
        } else {
            try cache.storeVariant(result(answerHash), image: version.answer, atLeast: 1, choose: true)
        }
        if let output = version.convertedOutput {
            try cache.storeDerived(
                output, sha256: SHA256.hash(output), from: answerHash, recipe: DerivedRecipe.format(asset.outputFormat))
        }
    }
}
