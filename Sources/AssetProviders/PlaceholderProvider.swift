import AssetImaging
import AssetManifest
import AssetSupport
import Foundation

/// Draws deterministic stand-in PNGs at the exact pixel size the real model would return, labelled
/// PLACEHOLDER with the asset id, size and fingerprint (also in a tEXt chunk, so every fingerprint
/// gives different bytes). Colours come from the fingerprint, so a changed input
/// gives a visibly different picture; variants after the first fold their number into it and say
/// which they are. Free, offline, and recorded as a placeholder everywhere.
package struct PlaceholderProvider: ImageProvider {
    package let id = "placeholder"
    package let isPlaceholder = true
    package let isFree = true
    package let readsReferences = false

    package init() {}

    /// The size used when the model is unknown: the 1K size of the aspect ratio, else a square.
    package static func fallbackSize(aspectRatio: String?) -> PixelSize {
        let parts = (aspectRatio ?? "1:1").split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return PixelSize(width: 1024, height: 1024) }
        let scale = (1024.0 * 1024.0 / (parts[0] * parts[1])).squareRoot()
        return PixelSize(
            width: Int((parts[0] * scale / 16).rounded()) * 16, height: Int((parts[1] * scale / 16).rounded()) * 16)
    }

    package func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let size = request.pixelSize ?? Self.fallbackSize(aspectRatio: request.config.aspectRatio)
        let png = try Self.render(
            size: size, seed: Self.seed(request.fingerprint, variant: request.variant), label: request.assetID,
            variant: request.variant)
        // Answer in the output's format, so the output is the answer byte for byte.
        let image = try ImageCodecs.platform.convert(png, to: request.outputFormat)
        return GenerationResult(
            image: image, format: request.outputFormat, text: "placeholder for '\(request.assetID)'", costUSD: 0)
    }

    /// The fingerprint for the first variant; for the others a hash of it and the variant's number.
    package static func seed(_ fingerprint: ContentHash, variant: Int) -> ContentHash {
        variant <= 1 ? fingerprint : SHA256.hash("\(fingerprint.hex) variant \(variant)")
    }

    /// Renders the placeholder for a fingerprint; the same inputs always give the same bytes.
    package static func render(size: PixelSize, seed: ContentHash, label: String, variant: Int = 1) throws -> Data {
        let bytes = Array(seed.hex.utf8).map { UInt8(String(UnicodeScalar($0)), radix: 16)! }
        let hue = Double(Int(bytes[0]) << 4 | Int(bytes[1])) / 256.0
        let top = hsv(hue, 0.45, 0.92)
        let bottom = hsv((hue + 0.12).truncatingRemainder(dividingBy: 1), 0.55, 0.62)
        let (w, h) = (size.width, size.height)
        let stripe = max(4, min(w, h) / 24)
        let border = max(2, min(w, h) / 64)
        let lines =
            (["PLACEHOLDER", label.uppercased()] + (variant > 1 ? ["VARIANT \(variant)"] : []) + [
                "\(w)×\(h)", seed.short.uppercased(),
            ]).map(Array.init)
        let longest = lines.map(\.count).max() ?? 1
        let scale = max(1, min(w * 8 / 10 / (longest * 6), h / 2 / (lines.count * 10)))
        let blockHeight = lines.count * 10 * scale
        let firstLine = (h - blockHeight) / 2

        let text = [("Software", "generate-assets placeholder"), ("Comment", "fingerprint \(seed.hex)")]
        return try PNGEncoder.encode(width: w, height: h, text: text) { y, row in
            let t = Double(y) / Double(max(h - 1, 1))
            let base = (0..<3).map { UInt8(Double(top[$0]) * (1 - t) + Double(bottom[$0]) * t) }
            let dark = base.map { UInt8(Double($0) * 0.88) }
            let edge = base.map { UInt8(Double($0) * 0.55) }
            let line = (y - firstLine) / max(1, 10 * scale)
            let glyphY = ((y - firstLine) % max(1, 10 * scale)) / scale
            let inText = y >= firstLine && line < lines.count
            let text = inText ? lines[line] : []
            let left = (w - text.count * 6 * scale) / 2
            for x in 0..<w {
                var color = ((x + y) / stripe) % 2 == 0 ? base : dark
                if x < border || y < border || x >= w - border || y >= h - border { color = edge }
                if inText, x >= left, BitmapFont.isLit(text, x: (x - left) / scale, y: glyphY) {
                    color = [255, 255, 255]
                }
                row[x * 3] = color[0]
                row[x * 3 + 1] = color[1]
                row[x * 3 + 2] = color[2]
            }
        }
    }

    static func hsv(_ h: Double, _ s: Double, _ v: Double) -> [UInt8] {
        let i = Int(h * 6) % 6
        let f = h * 6 - Double(Int(h * 6))
        let p = v * (1 - s)
        let q = v * (1 - f * s)
        let t = v * (1 - (1 - f) * s)
        let rgb: (Double, Double, Double) = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
        return [rgb.0, rgb.1, rgb.2].map { UInt8(($0 * 255).rounded()) }
    }
}
