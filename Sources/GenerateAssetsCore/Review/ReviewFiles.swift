import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation

/// A file made from an asset's image (a rendition, a catalog set's image or its `Contents.json`), as the
/// review page shows it: its path, and the image when it is one.
package struct ReviewFile: Sendable, Codable {
    package var path: String
    /// Nil for a file that is not an image (`Contents.json`) or is missing from the work tree.
    package var image: ReviewImage?
}

extension ReviewCollector {
    /// The files the lock records as made from the entry's image, read from the work tree, in its order.
    func files(of entry: LockEntry?) throws -> [ReviewFile] {
        try (entry?.renditions ?? []).map { record in
            let data = FileManager.default.contents(atPath: context.absolute(record.output))
            let image = try data.flatMap { ImageFormat.sniff($0) == nil ? nil : try images.add($0) }
            return ReviewFile(path: record.output, image: image)
        }
    }

    /// The generated image a catalog set's files are cut from (no file of the set is it): from the cache, else
    /// from what git keeps (`refs/generate-assets/answers`). Nil for an asset whose output is its image.
    func source(of asset: ResolvedAsset, entry: LockEntry?) throws -> ReviewImage? {
        guard !asset.hasOutputFile, let hash = entry?.answerSHA256 ?? entry?.outputSHA256 else { return nil }
        let data =
            (try? context.cache?.blob(hash))
            ?? HistoryAnswers.recover(hash, projectRoot: context.project.root, into: nil)
        return try data.map { try images.add($0) }
    }

    /// Every variant of the entry's inputs that `pick` can write, when there is more than one: the cache's
    /// (made in any run), else, in a clone that never made them, those git keeps (`GitVariants`).
    func pickableVariants(of asset: ResolvedAsset, entry: LockEntry) throws -> [ReviewVariant] {
        if let cache = context.cache {
            let cached = try cache.variants(of: entry.fingerprint)
            if cached.count > 1 {
                let picked = try entry.recordedVariant(in: cache)?.number
                return try cached.compactMap { variant in
                    guard let data = try cache.blob(variant.result.blobSHA256) else { return nil }
                    return ReviewVariant(
                        number: variant.number, image: try images.add(data), picked: variant.number == picked,
                        costUSD: variant.result.costUSD)
                }
            }
        }
        guard (entry.variants ?? 1) > 1,
            let found = GitVariants.find(
                asset, fingerprint: entry.fingerprint, projectRoot: context.project.root,
                lockPath: context.project.lockPath),
            found.version.variants.count > 1
        else { return [] }
        let record = found.version.record
        return try found.version.variants.map { number, data in
            let hash = SHA256.hash(data)
            let own = hash == (record.answerSHA256 ?? record.outputSHA256)
            return ReviewVariant(
                number: number, image: try images.add(data), picked: hash == entry.answerSHA256,
                costUSD: own ? record.costUSD : record.variantCalls?[String(number)]?.costUSD)
        }
    }
}

extension ReviewPage {
    /// The generated image (for a catalog set) and every file made from it, each with its path: the crops
    /// and sizes a docs maintainer reviews.
    static func files(_ asset: ReviewAsset, into page: inout HTMLText) {
        guard asset.source != nil || !asset.files.isEmpty else { return }
        strip("Files made from the image", role: "files", classes: "variants files", into: &page) { strip in
            if let source = asset.source {
                strip.element("figure", ["class": "variant source", "data-role": "source"]) { figure in
                    thumbnail(source, alt: "\(asset.id) generated image", into: &figure)
                    figure.element("figcaption") { caption in
                        caption.element("strong", text: "Generated image")
                        caption.element("span", ["class": "mono"], text: dimensions(source))
                    }
                }
            }
            for file in asset.files {
                strip.element("figure", ["class": "variant file", "data-role": "rendition", "data-path": file.path]) {
                    figure in
                    if let image = file.image {
                        thumbnail(image, alt: file.path, into: &figure)
                    }
                    figure.element("figcaption") { caption in
                        caption.element("code", ["data-role": "path"], text: file.path)
                        if let image = file.image {
                            caption.element("span", ["class": "mono"], text: dimensions(image))
                        }
                    }
                }
            }
        }
    }
}
