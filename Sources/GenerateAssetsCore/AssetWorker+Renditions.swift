import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

extension AssetWorker {
    /// Makes the stale files of this asset's image (renditions, a catalog set's images) from the image, and
    /// records the lock entry with every file. A file that fails fails the outcome, but the image's entry is
    /// still recorded, so nothing paid for is asked for again. A set's `Contents.json` comes later (`writeCatalogs`).
    /// - Parameters:
    ///   - entry: the image's lock entry; nil when there is none (nothing is made or recorded).
    ///   - record: record the entry even when no file changes.
    ///   - image: the image's bytes, when at hand; otherwise read from the cache only if a file needs them.
    func deliver(_ outcome: AssetOutcome, entry: LockEntry?, record: Bool = true, image: Data?, output: ContentHash?)
        -> (AssetOutcome, ContentHash?)
    {
        guard var entry else { return (outcome, output) }
        var outcome = outcome
        let previous = Dictionary(
            (context.lock.assets[asset.id]?.renditions ?? []).map { ($0.output, $0) },
            uniquingKeysWith: { first, _ in first })
        var records: [RenditionRecord] = []
        var results: [RenditionOutcome] = []
        var failures: [AssetFailure] = []
        var wrote = false
        var loaded = image
        let source = entry.answerSHA256 ?? plan.sourceImage
        for rendition in plan.renditions {
            guard case .image(let spec) = rendition.kind else {
                if let old = previous[rendition.output] { records.append(old) }
                results.append(
                    RenditionOutcome(
                        output: rendition.output, state: .init(rendition.state), reasons: rendition.reasons))
                continue
            }
            let fingerprint = source.map { DerivedFingerprint.of(source: $0, recipe: spec.recipe) }
            if rendition.state == .fresh, let fingerprint, fingerprint == rendition.fingerprint,
                let old = previous[spec.output]
            {
                records.append(old)
                results.append(RenditionOutcome(output: spec.output, state: .fresh, reasons: []))
                continue
            }
            do {
                guard let source, let fingerprint else {
                    throw UserFacingError(
                        "the lock records no image for '\(asset.id)'", fix: HistoryAnswers.fix(for: asset.id))
                }
                if rendition.modified, !engine.options.force {
                    throw AssetFailure(
                        .modifiedOutput, "\(spec.output) was changed outside generate-assets; refusing to overwrite it",
                        fix: "delete it to render it again at no cost, or move your edit elsewhere")
                }
                let image = try loaded ?? loadImage(source)
                loaded = image
                let renderer = RenditionRenderer(
                    cache: try cacheStore(), codec: context.codec, rendered: engine.imagesRendered)
                let (bytes, hash) = try renderer.render(spec, image: image, sha256: source)
                let changed = try context.hasher.hash(spec.output) != hash
                if changed {
                    try AtomicFileWriter.write(bytes, to: context.absolute(spec.output))
                    try context.hasher.noteWritten(spec.output, sha256: hash)
                    wrote = true
                }
                records.append(
                    RenditionRecord(
                        output: spec.output, recipe: spec.recipe, fingerprint: fingerprint, outputSHA256: hash))
                results.append(
                    RenditionOutcome(
                        output: spec.output, state: changed ? .rendered : .fresh, reasons: rendition.reasons))
            } catch {
                if let old = previous[spec.output] { records.append(old) }
                var failure = AssetFailure(error)
                if !failure.message.contains(spec.output) { failure.message = "\(spec.output): \(failure.message)" }
                failures.append(failure)
                results.append(RenditionOutcome(output: spec.output, state: .failed, reasons: rendition.reasons))
            }
        }
        let kept = Set(plan.renditions.map(\.output))
        for old in previous.keys.sorted() where !kept.contains(old) {
            engine.reporter.report(.fileNoLongerMade(asset: asset.id, output: old))
        }
        entry.renditions = records.isEmpty ? nil : records
        if record || entry != context.lock.assets[asset.id] { engine.record(entry, for: asset.id) }
        if !results.isEmpty { outcome.renditions = results }
        if outcome.state == .fresh, wrote { outcome.state = .rendered }
        if let first = failures.first {
            // One failure as it is; several joined, each fix said once. The image itself is kept either way.
            var fixes: [String] = []
            for fix in failures.compactMap(\.fix) where !fixes.contains(fix) { fixes.append(fix) }
            outcome.state = .failed
            outcome.error = AssetFailure(
                first.kind, failures.map(\.message).joined(separator: "; "),
                fix: fixes.isEmpty ? nil : fixes.joined(separator: "; "))
        }
        return (outcome, output)
    }

    /// The generated image: from the cache, or from the output file when that holds its very bytes or,
    /// written losslessly from it, every one of its pixels.
    func loadImage(_ sha256: ContentHash) throws -> Data {
        if let bytes = try context.cache?.blob(sha256) { return bytes }
        if let bytes = HistoryAnswers.recover(sha256, projectRoot: context.project.root, into: context.cache) {
            return bytes
        }
        if asset.hasOutputFile, let bytes = FileContents.read(context.absolute(asset.output)) {
            let hash = SHA256.hash(bytes)
            let entry = context.lock.assets[asset.id]
            if hash == sha256 || entry?.holdsPixels(of: sha256, onDisk: hash, format: asset.outputFormat) == true {
                return bytes
            }
        }
        throw UserFacingError(
            "the image of '\(asset.id)' is in neither the cache nor git", fix: HistoryAnswers.fix(for: asset.id))
    }

    func cacheStore() throws -> CacheStore {
        guard let cache = context.cache else { throw UserFacingError("internal error: no cache") }
        return cache
    }
}
