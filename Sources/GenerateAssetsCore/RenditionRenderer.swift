import AssetCache
import AssetImaging
import AssetManifest
import AssetSupport
import Foundation

/// Makes a rendition's bytes from the generated image: resize (Lanczos), key out the background, encode.
/// The result is stored in the cache's `derived` table under the image's hash and the rendition's recipe,
/// so the same rendition of the same image is made once; a mere format change goes through `OutputRenderer`.
struct RenditionRenderer {
    let cache: CacheStore
    let codec: any ImageCodec
    /// Counts the images actually made (the run's `images_rendered`).
    let rendered: LockedValue<Int>

    func render(_ spec: RenditionSpec, image: Data, sha256: ContentHash) throws -> (Data, ContentHash) {
        let converter = OutputRenderer(cache: cache, codec: codec, rendered: rendered)
        if spec.isConversion { return try converter.output(answer: image, sha256: sha256, as: spec.format) }
        if let known = try cache.derived(from: sha256, recipe: spec.recipe), let bytes = try cache.blob(known) {
            return (bytes, known)
        }
        if spec.removeBackground == nil, let size = PixelSize.of(image), spec.pixelSize(from: size) == size {
            return try converter.output(answer: image, sha256: sha256, as: spec.format)  // already this size
        }
        let made: Data
        do {
            var raster = try codec.decode(image)
            let size = spec.pixelSize(from: raster.size)
            if size != raster.size {
                raster = try codec.resize(
                    raster, to: size,
                    fit: spec.width != nil && spec.height != nil && spec.fit == .cover ? .cover : .fill)
            }
            if let key = spec.removeBackground {
                raster = BackgroundKey.remove((key.red, key.green, key.blue), tolerance: spec.tolerance, from: raster)
            }
            made = try codec.encode(raster, as: spec.format, quality: nil)
        } catch let error as ImagingError {
            throw UserFacingError(
                "cannot make \(spec.output): \(error.message)",
                fix: error.fix ?? "run 'generate-assets cache verify' to check the cached image \(sha256.short)")
        }
        rendered.withValue { $0 += 1 }
        let hash = SHA256.hash(made)
        try cache.storeDerived(made, sha256: hash, from: sha256, recipe: spec.recipe)
        return (made, hash)
    }
}
