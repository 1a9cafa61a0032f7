import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// What `pick` did (its `--json`).
package struct PickReport: Sendable, Codable {
    package var id: String
    package var output: String
    package var picked: Int
    package var variants: Int
    package var outputSHA256: ContentHash
    /// False when that variant already was the output.
    package var changed: Bool
    /// Assets that use this one (directly or further down): stale now when the output changed.
    package var dependents: [String]
    package var git: GitPublication?

    enum CodingKeys: String, CodingKey {
        case id, output, picked, variants, changed, dependents, git
        case outputSHA256 = "output_sha256"
    }
}

/// `pick ID K`: writes variant K of the asset's current inputs as its output, with its renditions or
/// catalog files, records the choice in `assets.lock` and commits it with a note. It makes no provider
/// call: variants come from the cache (or, in a clone that never made them, from git: `GitVariants`), and
/// the run is `generate`'s own, restoring that variant.
package enum VariantPicker {
    package static func pick(
        context: ProjectContext, id: String, variant number: Int, commit: Bool,
        reporter: any RunReporter = SilentReporter()
    ) async throws -> PickReport {
        guard let asset = context.project.asset(id) else {
            throw UserFacingError(
                "no asset '\(id)' in \(context.project.manifestPath)",
                fix: Suggestion.hint(for: id, in: context.project.assets.map(\.id)))
        }
        guard let cache = context.cache else { throw UserFacingError("internal error: pick needs a writable cache") }
        let plan = try context.planner(force: false).evaluate(
            asset, upstream: try upstreamOutputs(of: asset, context: context))
        guard let fingerprint = plan.fingerprint else {
            throw UserFacingError("internal error: '\(id)' has no inputs")
        }
        var variants = try cache.variants(of: fingerprint)
        if !variants.contains(where: { $0.number == number }), let inputs = plan.inputs {
            // A clone that never made the variants reads them from git (the note and the answers ref).
            let found = try GitVariants.importInto(
                cache, asset: asset, fingerprint: fingerprint, inputs: inputs, context: context)
            variants = try cache.variants(of: fingerprint)
            if !variants.contains(where: { $0.number == number }),
                let error = GitVariants.unreadable(
                    number, of: id, found: found,
                    recorded: context.lock.assets[id]?.variantCount(of: fingerprint) ?? 0,
                    projectRoot: context.project.root)
            {
                throw error
            }
        }
        guard let chosen = variants.first(where: { $0.number == number }) else {
            throw missing(
                number, of: asset, variants: variants, entry: context.lock.assets[id], fingerprint: fingerprint)
        }
        if plan.outputModified {
            throw UserFacingError(
                "\(asset.output) was changed outside generate-assets; refusing to overwrite it",
                fix: "move your edit elsewhere (or delete the file), then pick again")
        }
        try cache.choose(fingerprint, variant: number)
        var options = GenerateOptions(only: [id], commit: commit)
        options.restoreOnly = true
        options.picks = [
            id: PickedVariant(number: number, fingerprint: fingerprint, answer: chosen.result.blobSHA256)
        ]
        options.commitSubject = "generate-assets: pick variant \(number) of \(id)"
        options.commitAction = "picked"
        let run = try await GenerateEngine(context: context, options: options, reporter: reporter).run()
        guard let outcome = run.assets.first(where: { $0.id == id }) else {
            throw UserFacingError("internal error: '\(id)' was not run")
        }
        if let failure = outcome.error { throw UserFacingError(failure.message, fix: failure.fix) }
        let entry = try Lockfile.load(from: context.absolute(context.project.lockPath)).assets[id]
        return PickReport(
            id: id, output: asset.output, picked: number,
            variants: max(entry?.variants ?? 1, variants.last?.number ?? 0),
            outputSHA256: entry?.outputSHA256 ?? chosen.result.blobSHA256, changed: outcome.state != .fresh,
            dependents: dependents(of: id, in: context.project), git: run.git)
    }

    /// The outputs of the asset's upstream assets as they are on disk; for a catalog set (a folder, with no
    /// file of its own), the generated image the lock records, as `generate` uses it; for an output edited by
    /// hand, the generated image it replaced, as `generate` goes on with it.
    static func upstreamOutputs(of asset: ResolvedAsset, context: ProjectContext) throws -> [String: ContentHash] {
        var hashes: [String: ContentHash] = [:]
        for id in asset.dependencies {
            guard let hash = try context.upstreamImage(of: id) else {
                throw UserFacingError("upstream asset '\(id)' has no output yet", fix: "run 'generate-assets' first")
            }
            hashes[id] = hash
            if let upstream = context.project.asset(id), upstream.hasOutputFile,
                let plan = try? context.planner(force: false).evaluate(
                    upstream, upstream: upstreamOutputs(of: upstream, context: context)),
                plan.editedByHand, let generated = plan.generatedOutput
            {
                hashes[id] = generated
            }
        }
        return hashes
    }

    static func answer(of variant: CachedVariant, cache: CacheStore) throws -> Data {
        guard let data = try cache.blob(variant.result.blobSHA256) else {
            throw UserFacingError(
                "variant \(variant.number) is no longer in the cache",
                fix: "run 'generate-assets cache verify' and generate again")
        }
        return data
    }

    static func missing(
        _ number: Int, of asset: ResolvedAsset, variants: [CachedVariant], entry: LockEntry?, fingerprint: ContentHash
    ) -> UserFacingError {
        guard !variants.isEmpty else {
            let recorded = entry?.variantCount(of: fingerprint) ?? 0
            return UserFacingError(
                recorded > 1
                    ? "the \(recorded) variants of '\(asset.id)' are not in this clone's cache (variants are kept in \(StateFolder.name), not in git)"
                    : "'\(asset.id)' has no variants of its current inputs in the cache",
                fix:
                    "make some with 'generate-assets --variants N --only \(asset.id)' (or 'variants: N' in the manifest)"
            )
        }
        let numbers = variants.map { String($0.number) }.joined(separator: ", ")
        return UserFacingError(
            "'\(asset.id)' has no variant \(number); the cache has \(variants.count == 1 ? "variant" : "variants") \(numbers)",
            fix: "pick one of those, or make another with 'generate-assets --force --only \(asset.id)'")
    }

    /// Every asset that uses `id`, directly or through others, in manifest order.
    static func dependents(of id: String, in project: ResolvedProject) -> [String] {
        var affected: Set<String> = [id]
        for asset in project.assets where asset.dependencies.contains(where: affected.contains) {
            affected.insert(asset.id)
        }
        return project.assets.map(\.id).filter { $0 != id && affected.contains($0) }
    }
}
