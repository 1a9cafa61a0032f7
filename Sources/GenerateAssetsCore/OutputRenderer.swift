import AssetCache
import AssetFingerprint
import AssetImaging
import AssetManifest
import AssetSupport
import Foundation

/// Turns a cached answer into the bytes of an output in a given format: the answer itself when the
/// formats match, else a conversion (lossless for PNG and WebP, quality 92 for JPEG) that is stored in the
/// cache as a derived image, so it is made once and a later restore reads it back.
struct OutputRenderer {
    let cache: CacheStore
    let codec: any ImageCodec
    /// Counts the images actually converted (the run's `images_rendered`).
    var rendered: LockedValue<Int>?

    func output(answer: Data, sha256: ContentHash, as format: ImageFormat) throws -> (Data, ContentHash) {
        guard let answerFormat = ImageFormat.sniff(answer) else {
            throw UserFacingError(
                "cached answer \(sha256.short) is not an image", fix: "run 'generate-assets cache verify --repair'")
        }
        if answerFormat == format { return (answer, sha256) }
        let recipe = DerivedRecipe.format(format)
        if let known = try cache.derived(from: sha256, recipe: recipe), let bytes = try cache.blob(known) {
            return (bytes, known)
        }
        let converted: Data
        do {
            converted = try codec.convert(answer, to: format)
        } catch let error as ImagingError where error.fix == nil {
            throw UndecodableAnswer(format: answerFormat, reason: error.message)
        } catch let error as ImagingError {
            throw UserFacingError(
                "cannot convert the \(answerFormat.rawValue.uppercased()) answer to \(format.rawValue.uppercased()): \(error.message)",
                fix: error.fix
                    ?? "the answer is kept in the cache as \(sha256.short); name the output .\(answerFormat.fileExtensions[0]) to use it as it is"
            )
        }
        rendered?.withValue { $0 += 1 }
        let hash = SHA256.hash(converted)
        try cache.storeDerived(converted, sha256: hash, from: sha256, recipe: recipe)
        return (converted, hash)
    }
}

extension OutputRenderer {
    /// Writes `asset`'s output from a cached answer, atomically, and records it with the hasher unread.
    /// - Returns: the output's hash.
    func write(answer: Data, sha256: ContentHash, for asset: ResolvedAsset, context: ProjectContext) throws
        -> ContentHash
    {
        let (bytes, hash) = try output(answer: answer, sha256: sha256, as: asset.outputFormat)
        try AtomicFileWriter.write(bytes, to: context.absolute(asset.output))
        try context.hasher.noteWritten(asset.output, sha256: hash)
        return hash
    }
}

/// An answer whose bytes start like an image but do not decode.
struct UndecodableAnswer: Error {
    var format: ImageFormat
    var reason: String
}
