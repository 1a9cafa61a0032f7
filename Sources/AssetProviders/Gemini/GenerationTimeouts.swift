import AssetManifest
import Foundation

/// How long to wait for an answer, by model and image size. A non-streamed `generateContent` sends no
/// byte until the image is done, so the wait for the first byte is the whole generation. The values are a
/// column of the model table (`ImageModel.answerTimeouts`).
package enum GenerationTimeouts {
    /// Models the table does not know (or gives no wait) get the longest wait.
    package static let fallback: TimeInterval = 600

    /// The wait for one answer from `model` at `imageSize`.
    package static func answer(model: String, imageSize: String?) -> TimeInterval {
        guard let sizes = ModelCatalog.builtIn.model(model)?.answerTimeouts, !sizes.isEmpty else { return fallback }
        return sizes[imageSize ?? ""] ?? sizes["*"] ?? fallback
    }
}
