/// Turns a flat background colour into real transparency, with soft edges.
///
/// Each pixel's distance to the key colour is its RGB distance divided by the largest possible one (so 0 to 1).
/// Up to `tolerance` the pixel is the background: alpha 0. From `tolerance` to `tolerance + band` alpha rises
/// linearly to 255, and the key colour that the edge pixel was blended with is taken out of its colour
/// (`colour = (pixel - (1 - a) · key) / a`), so no coloured fringe is left. Beyond that it is the subject:
/// alpha 255, colour untouched. Gemini answers have no alpha; this is how a transparent logo is made from a
/// picture drawn on a flat key colour.
package enum BackgroundKey {
    /// The width of the soft edge: as wide as the tolerance, and never narrower than 0.02.
    package static func band(tolerance: Double) -> Double { max(tolerance, 0.02) }

    /// The image with an alpha channel; any alpha it had is combined with the key's.
    package static func remove(
        _ key: (red: UInt8, green: UInt8, blue: UInt8), tolerance: Double, from image: RasterImage
    ) -> RasterImage {
        let (kr, kg, kb) = (Double(key.red), Double(key.green), Double(key.blue))
        let largest = (3.0 * 255 * 255).squareRoot()
        let band = band(tolerance: tolerance)
        let count = image.width * image.height
        var pixels = [UInt8](repeating: 0, count: count * 4)
        image.pixels.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                for index in 0..<count {
                    let source = index * image.channels
                    let target = index * 4
                    let (r, g, b) = (Double(input[source]), Double(input[source + 1]), Double(input[source + 2]))
                    let distance =
                        ((r - kr) * (r - kr) + (g - kg) * (g - kg) + (b - kb) * (b - kb)).squareRoot() / largest
                    let alpha = min(1, max(0, (distance - tolerance) / band))
                    if alpha > 0 {
                        output[target] = unmix(r, kr, alpha)
                        output[target + 1] = unmix(g, kg, alpha)
                        output[target + 2] = unmix(b, kb, alpha)
                    }
                    let existing = image.hasAlpha ? Double(input[source + 3]) / 255 : 1
                    output[target + 3] = UInt8((alpha * existing * 255).rounded())
                }
            }
        }
        return RasterImage(width: image.width, height: image.height, channels: 4, pixels: pixels)
    }

    /// One channel of an edge pixel with the key's share taken out.
    static func unmix(_ value: Double, _ key: Double, _ alpha: Double) -> UInt8 {
        let unmixed = alpha < 1 ? (value - (1 - alpha) * key) / alpha : value
        return UInt8(min(255, max(0, unmixed.rounded())))
    }
}
