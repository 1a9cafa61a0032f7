import AssetCache
import AssetImaging
import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Each keying and resize parameter of a rendition changes the pixels, through the renderer the engine
/// uses (`RenditionRenderer`, with the real codec and a real cache), not just `BackgroundKey` alone.
@Suite struct RenditionPixelTests {
    let codec = ImageCodecs.platform
    let here = SourceLocation(file: "assets.yml", line: 1, column: 1)

    /// A 6×2 image: each column a blend of green (the key) with a growing share of red, from 0 to 1.
    /// Column distances from green: 0, ≈0.08, ≈0.19, ≈0.35, ≈0.64, 1.
    func source() throws -> Data {
        let shares = [0, 0.06, 0.13, 0.25, 0.45, 1]
        var pixels: [UInt8] = []
        for _ in 0..<2 {
            for share in shares {
                pixels += [UInt8((255 * share).rounded()), UInt8((255 * (1 - share)).rounded()), 0]
            }
        }
        return try codec.encode(RasterImage(width: 6, height: 2, channels: 3, pixels: pixels), as: .png, quality: nil)
    }

    func render(_ spec: RenditionSpec) throws -> RasterImage {
        let folder = TemporaryDirectory("rendition-pixels")
        let cache = try CacheStore(path: folder.url("cache.sqlite"))
        let image = try source()
        let renderer = RenditionRenderer(cache: cache, codec: codec, rendered: LockedValue(0))
        let (bytes, _) = try renderer.render(spec, image: image, sha256: SHA256.hash(image))
        return try codec.decode(bytes)
    }

    func alphas(_ image: RasterImage, row: Int = 0) -> [UInt8] {
        (0..<image.width).map { image.channels == 4 ? Array(image.pixel(x: $0, y: row))[3] : 255 }
    }

    @Test func toleranceDecidesWhichPixelsVanish() throws {
        let green = RGBColor(red: 0, green: 255, blue: 0)
        let narrow = alphas(
            try render(RenditionSpec(output: "a.png", removeBackground: green, tolerance: 0.05, location: here)))
        let wide = alphas(
            try render(RenditionSpec(output: "a.png", removeBackground: green, tolerance: 0.3, location: here)))
        #expect(narrow[0] == 0 && wide[0] == 0, "the key colour itself vanishes at any tolerance")
        #expect(narrow[2] > 0, "a pixel 0.19 from the key stays with tolerance 0.05: \(narrow)")
        #expect(wide[1] == 0 && wide[2] == 0, "pixels within 0.3 of the key vanish with tolerance 0.3: \(wide)")
        #expect(narrow[3] == 255 || narrow[3] > wide[3], "a wider tolerance never makes a pixel more opaque")
        #expect(narrow[5] == 255 && wide[5] == 255, "the subject stays opaque")
        let defaulted = alphas(try render(RenditionSpec(output: "a.png", removeBackground: green, location: here)))
        #expect(defaulted != wide && defaulted != narrow, "the default (0.1) is neither: \(defaulted)")
    }

    @Test func theKeyColourDecidesWhatVanishes() throws {
        let red = alphas(
            try render(
                RenditionSpec(
                    output: "a.png", removeBackground: RGBColor(red: 255, green: 0, blue: 0), tolerance: 0.05,
                    location: here)))
        #expect(red[5] == 0 && red[0] == 255, "keyed on red, the red column vanishes and the green one stays: \(red)")
    }

    @Test func widthHeightAndFitShapeThePixels() throws {
        let fill = try render(RenditionSpec(output: "a.png", width: 3, height: 3, fit: .fill, location: here))
        let cover = try render(RenditionSpec(output: "a.png", width: 3, height: 3, fit: .cover, location: here))
        let contain = try render(RenditionSpec(output: "a.png", width: 3, height: 3, fit: .contain, location: here))
        #expect(fill.size == PixelSize(width: 3, height: 3) && cover.size == PixelSize(width: 3, height: 3))
        #expect(contain.size == PixelSize(width: 3, height: 1), "contain keeps the 3:1 proportion")
        // Fill squeezes all six columns into three: the first is still mostly green and the last mostly red.
        // Cover crops to the middle two columns' worth first, so its ends are less extreme.
        let fillFirst = Array(fill.pixel(x: 0, y: 1))
        let coverFirst = Array(cover.pixel(x: 0, y: 1))
        #expect(fillFirst[1] > coverFirst[1], "cover crops the green edge fill keeps: \(fillFirst) \(coverFirst)")
        #expect(fill.pixels != cover.pixels)
        let wide = try render(RenditionSpec(output: "a.png", width: 4, location: here))
        #expect(wide.size == PixelSize(width: 4, height: 1), "a width alone keeps the proportion")
    }
}
