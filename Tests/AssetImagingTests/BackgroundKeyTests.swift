import AssetImaging
import AssetSupport
import Foundation
import Testing

@Suite struct BackgroundKeyTests {
    let green: (red: UInt8, green: UInt8, blue: UInt8) = (0, 255, 0)

    /// One row: pure key, then blends with a growing share of red, then pure red.
    static func blendRow(shares: [Double]) -> RasterImage {
        let pixels = shares.flatMap { share -> [UInt8] in
            [UInt8((255 * share).rounded()), UInt8((255 * (1 - share)).rounded()), 0]
        }
        return RasterImage(width: shares.count, height: 1, channels: 3, pixels: pixels)
    }

    @Test func keyColourVanishesSubjectStaysAndEdgesAreSoft() {
        let shares = [0, 0.05, 0.2, 0.25, 0.3, 0.5, 1]
        let keyed = BackgroundKey.remove(green, tolerance: 0.15, from: Self.blendRow(shares: shares))
        #expect(keyed.channels == 4)
        let alpha = (0..<shares.count).map { Array(keyed.pixel(x: $0, y: 0))[3] }
        #expect(alpha[0] == 0, "the key colour is transparent")
        #expect(alpha[1] == 0, "within the tolerance is transparent")
        #expect(alpha[2] > 0 && alpha[2] < 255, "an edge pixel is partly transparent: \(alpha)")
        #expect(alpha[3] > alpha[2] && alpha[3] < 255, "more subject, more opaque: \(alpha)")
        #expect(alpha[5] == 255 && alpha[6] == 255, "the subject is opaque")
        #expect(Array(keyed.pixel(x: 6, y: 0)) == [255, 0, 0, 255], "the subject's colour is untouched")
        let edge = keyed.pixel(x: 3, y: 0)
        #expect(
            edge[edge.startIndex] > 64 && edge[edge.startIndex + 1] < 191,
            "the key's share is taken out of an edge pixel: \(Array(edge))")
    }

    @Test func zeroToleranceRemovesOnlyTheExactColour() {
        let keyed = BackgroundKey.remove(green, tolerance: 0, from: Self.blendRow(shares: [0, 0.1, 1]))
        #expect(Array(keyed.pixel(x: 0, y: 0))[3] == 0)
        #expect(Array(keyed.pixel(x: 1, y: 0))[3] == 255)
        #expect(Array(keyed.pixel(x: 2, y: 0))[3] == 255)
    }

    @Test func existingAlphaIsKept() {
        let image = RasterImage(width: 2, height: 1, channels: 4, pixels: [255, 0, 0, 128, 0, 255, 0, 255])
        let keyed = BackgroundKey.remove(green, tolerance: 0.1, from: image)
        #expect(Array(keyed.pixel(x: 0, y: 0))[3] == 128)
        #expect(Array(keyed.pixel(x: 1, y: 0))[3] == 0)
    }

    @Test func keyedPixelsSurviveAPNGRoundTrip() throws {
        let codec = ImageCodecs.platform
        let keyed = BackgroundKey.remove(green, tolerance: 0.15, from: Self.blendRow(shares: [0, 0.2, 0.25, 1]))
        let png = try codec.encode(keyed, as: .png, quality: nil)
        #expect(try codec.decode(png) == keyed, "PNG keeps the alpha channel exactly")
    }
}
