import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetProviders
import AssetSupport
import Foundation

/// What `accept` did (its `--json`).
package struct AcceptReport: Sendable, Codable {
    /// One asset whose file on disk became its image.
    package struct Accepted: Sendable, Codable {
        package var id: String
        package var output: String
        package var outputSHA256: ContentHash
        /// Its variant number among the images of its current inputs (the generated ones stay).
        package var variant: Int

        enum CodingKeys: String, CodingKey {
            case id, output, variant
            case outputSHA256 = "output_sha256"
        }
    }

    /// An asset `accept --all` left alone, and why.
    package struct Skipped: Sendable, Codable {
        package var id: String
        package var reason: String
    }

    package var accepted: [Accepted]
    package var skipped: [Skipped]
    package var git: GitPublication?
}

/// `accept ID…`: the file on disk becomes the asset's image for its current inputs, with no provider call.
/// It goes into the cache as a new variant of those inputs (the generated ones stay, in the cache and in
/// history), into `assets.lock`, and into one commit whose note says it was accepted by hand; the files made
/// from the image (renditions, a catalog set's images) are made from it. `--all` adopts every output that is
/// not the tool's own yet: a project starting to use generate-assets.
package enum HandEditAcceptor {
    package static let noteAction = AssetVersion.acceptedAction

    package static func accept(
        context: ProjectContext, ids: [String], all: Bool, commit: Bool, reporter: any RunReporter = SilentReporter()
    ) async throws -> AcceptReport {
        guard let cache = context.cache else { throw UserFacingError("internal error: accept needs a writable cache") }
        for id in ids where context.project.asset(id) == nil {
            throw UserFacingError(
                "no asset '\(id)' in \(context.project.manifestPath)",
                fix: Suggestion.hint(for: id, in: context.project.assets.map(\.id)))
        }
        let wanted = all ? Set(context.project.assets.map(\.id)) : Set(ids)
        let planner = context.planner(force: false)
        var accepted: [AcceptReport.Accepted] = []
        var skipped: [AcceptReport.Skipped] = []
        var picks: [String: PickedVariant] = [:]
        var outputs: [String: ContentHash] = [:]
        for asset in try context.select(all ? [] : ids) {
            // Upstream first: each asset's inputs are planned with its upstream outputs as the run will have
            // them (an accepted file as it is, any other the image the plan gives it).
            let plan = try planner.evaluate(asset, upstream: outputs)
            outputs[asset.id] = plan.expectedOutput
            guard wanted.contains(asset.id) else { continue }
            func skip(_ reason: String, fix: String? = nil) throws {
                guard all else {
                    throw UserFacingError("cannot accept '\(asset.id)': \(reason)", fix: fix ?? fixFor(asset))
                }
                skipped.append(.init(id: asset.id, reason: reason))
            }
            let bytes: Data
            if asset.hasOutputFile {
                guard let file = FileContents.read(context.absolute(asset.output)) else {
                    try skip("\(asset.output) does not exist")
                    continue
                }
                guard ImageFormat.sniff(file) == asset.outputFormat else {
                    try skip("\(asset.output) is not a \(asset.outputFormat.rawValue.uppercased()) image")
                    continue
                }
                bytes = file
            } else {
                // A catalog set: the image its files on disk were made from, as the lock records it.
                switch try SetImage.recorded(asset, context: context) {
                case .image(let image): bytes = image
                case .refused(let reason, let fix):
                    try skip(reason, fix: fix)
                    continue
                }
            }
            guard let fingerprint = plan.fingerprint, let inputs = plan.inputs else {
                try skip("an upstream asset has no image yet")
                continue
            }
            if plan.state == .fresh, !plan.hasStaleRenditions {
                if all { skipped.append(.init(id: asset.id, reason: "already its image")) }
                continue
            }
            // A clone whose cache never held the generated images of these inputs takes them from git first:
            // they stay pickable, and the accept commit's note lists them with the accepted one.
            if try cache.variants(of: fingerprint).isEmpty,
                let found = GitVariants.find(
                    asset, fingerprint: fingerprint, projectRoot: context.project.root,
                    lockPath: context.project.lockPath)
            {
                try CommittedImages.store(
                    found.version, fingerprint: fingerprint, inputs: inputs, asset: asset, cache: cache)
            }
            let sha256 = SHA256.hash(bytes)
            outputs[asset.id] = sha256
            let now = context.clock.now()
            let result = CachedResult(
                fingerprint: fingerprint, blobSHA256: sha256, provider: context.provider.id, model: asset.modelID,
                isPlaceholder: false, text: noteAction, costUSD: 0, inputs: inputs, startedAt: now, finishedAt: now)
            let known = try cache.variants(of: fingerprint).first { $0.result.blobSHA256 == sha256 }?.number
            let number =
                try known
                ?? cache.storeVariant(
                    result, image: bytes,
                    atLeast: max(
                        plan.variantsMade, try cache.lastVariant(of: fingerprint),
                        context.lock.assets[asset.id]?.variantCount(of: fingerprint) ?? 0) + 1,
                    choose: true)
            picks[asset.id] = PickedVariant(number: number, fingerprint: fingerprint, answer: sha256)
            accepted.append(.init(id: asset.id, output: asset.output, outputSHA256: sha256, variant: number))
        }
        guard !accepted.isEmpty else { return AcceptReport(accepted: [], skipped: skipped, git: nil) }
        var options = GenerateOptions(only: accepted.map(\.id), commit: commit)
        options.restoreOnly = true
        options.picks = picks
        options.commitSubject =
            "generate-assets: accept \(accepted.count == 1 ? accepted[0].id : "\(accepted.count) assets (\(Listing.first(8, of: accepted.map(\.id))))") by hand"
        options.commitAction = noteAction
        let run = try await GenerateEngine(context: context, options: options, reporter: reporter).run()
        if let failed = run.assets.first(where: { picks[$0.id] != nil && $0.error != nil }), let error = failed.error {
            throw UserFacingError("'\(failed.id)': \(error.message)", fix: error.fix)
        }
        if let waiting = run.assets.first(where: { picks[$0.id] != nil && $0.state == .stale }) {
            // An upstream asset it depends on cannot be brought up to date without a call.
            throw UserFacingError(
                "'\(waiting.id)' was not accepted: \(waiting.reasons.map(\.description).joined(separator: "; "))",
                fix: "run 'generate-assets' for its upstream assets first, or accept them too")
        }
        return AcceptReport(accepted: accepted, skipped: skipped, git: run.git)
    }

    static func fixFor(_ asset: ResolvedAsset) -> String {
        "put the image you want at \(asset.output), then accept it; or run 'generate-assets' to generate it"
    }
}
