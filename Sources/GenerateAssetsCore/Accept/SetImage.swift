import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// The image `accept` takes for a catalog set: a set has no file of its own (its files are crops and resizes of
/// one image), so it is the image `assets.lock` records for it, which the set on disk was made from, read from
/// the cache or from git (`refs/generate-assets/answers`). A set file edited by hand is not that image.
enum SetImage {
    /// The set's image, or why it cannot be accepted and how to go on.
    enum Lookup {
        case image(Data)
        case refused(reason: String, fix: String)
    }

    static func recorded(_ asset: ResolvedAsset, context: ProjectContext) throws -> Lookup {
        guard let entry = context.lock.assets[asset.id], entry.output == asset.output, let image = entry.answerSHA256
        else {
            return .refused(
                reason: "assets.lock records no image for the set \(asset.output) (its files are made from one image)",
                fix: "run 'generate-assets --only \(asset.id)' to make its image, then accept or keep it")
        }
        let recorded = Dictionary(
            (entry.renditions ?? []).map { ($0.output, $0.outputSHA256) }, uniquingKeysWith: { first, _ in first })
        for file in asset.writtenFiles where !file.hasSuffix("/Contents.json") {
            guard let expected = recorded[file], let onDisk = try context.hasher.hash(file), onDisk != expected
            else { continue }
            return .refused(
                reason:
                    "\(file) was edited by hand, and a set is accepted as the one image all its files are made from",
                fix: "delete \(file) to render it again from the set's image at no cost, then accept '\(asset.id)'")
        }
        if let data = try context.cache?.blob(image)
            ?? HistoryAnswers.recover(image, projectRoot: context.project.root, into: context.cache)
        {
            return .image(data)
        }
        return .refused(
            reason: "its image (\(image.short)) is in neither this cache nor git",
            fix: HistoryAnswers.fix(for: asset.id))
    }
}
