import Foundation

/// How long to wait for an answer, by model and image size. A non-streamed `generateContent` sends no
/// byte until the image is done, so the wait for the first byte is the whole generation: 3 Pro at 4K is
/// reported at 60-120 s and more. The values are several times the reported times, because a call cut off
/// by our own timeout may still be billed, and its retry billed again.
package enum GenerationTimeouts {
    /// Seconds by model, then image size ("" for models without sizes, "*" for any size not listed).
    static let table: [String: [String: TimeInterval]] = [
        "gemini-3-pro-image": ["1K": 300, "2K": 360, "4K": 600, "*": 600],
        "gemini-3.1-flash-image": ["512": 180, "1K": 180, "2K": 240, "4K": 360, "*": 360],
        "gemini-nano-banana-2.1": ["1K": 180, "2K": 240, "4K": 360, "*": 360],
        "gemini-3.1-flash-lite-image": ["*": 180],
        "gemini-2.5-flash-image": ["*": 180],
    ]
    /// Models this table does not know get the longest wait.
    package static let fallback: TimeInterval = 600

    /// The wait for one answer from `model` at `imageSize`.
    package static func answer(model: String, imageSize: String?) -> TimeInterval {
        guard let sizes = table[model] else { return fallback }
        return sizes[imageSize ?? ""] ?? sizes["*"] ?? fallback
    }
}
