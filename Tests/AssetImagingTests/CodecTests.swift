import AssetImaging
import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct CodecTests {
    let codec = ImageCodecs.platform

    /// A gradient with a hard edge, so lossy formats and filters have something to get wrong.
    static func gradient(width: Int = 64, height: Int = 48, channels: Int = 3) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * channels
                pixels[i] = UInt8(x * 255 / (width - 1))
                pixels[i + 1] = UInt8(y * 255 / (height - 1))
                pixels[i + 2] = x < width / 2 ? 40 : 220
                if channels == 4 { pixels[i + 3] = x < width / 4 ? 0 : 255 }
            }
        }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    @Test func pngRoundTripIsExactAndDeterministic() throws {
        let image = Self.gradient()
        let png = try codec.encode(image, as: .png, quality: nil)
        #expect(ImageFormat.sniff(png) == .png)
        #expect(try codec.decode(png) == image)
        #expect(try codec.encode(image, as: .png, quality: nil) == png)
    }

    @Test func jpegAnswerBecomesALosslessPNGOfItsDecodedPixels() throws {
        let jpeg = try codec.encode(Self.gradient(), as: .jpeg, quality: 90)
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        #expect(PixelSize.of(jpeg) == PixelSize(width: 64, height: 48))
        let png = try codec.convert(jpeg, to: .png)
        #expect(ImageFormat.sniff(png) == .png)
        #expect(PixelSize.of(png) == PixelSize(width: 64, height: 48))
        #expect(try codec.decode(png) == codec.decode(jpeg))
    }

    @Test func sameFormatIsReturnedByteForByte() throws {
        let jpeg = try codec.encode(Self.gradient(), as: .jpeg, quality: 80)
        #expect(try codec.convert(jpeg, to: .jpeg) == jpeg)
    }

    @Test func webpLosslessKeepsPixelsAndLossyStaysClose() throws {
        let image = Self.gradient()
        let lossless = try codec.encode(image, as: .webp, quality: nil)
        #expect(ImageFormat.sniff(lossless) == .webp)
        #expect(PixelSize.of(lossless) == image.size)
        #expect(try codec.decode(lossless) == image)
        let lossy = try codec.decode(codec.encode(image, as: .webp, quality: 90))
        let worst = zip(lossy.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(worst < 64)
        #expect(lossy.pixels != image.pixels)
    }

    @Test func alphaSurvivesPNGAndIsFlattenedOnWhiteForJPEG() throws {
        let image = Self.gradient(channels: 4)
        let png = try codec.decode(codec.encode(image, as: .png, quality: nil))
        #expect(png.channels == 4)
        #expect(png.pixel(x: 0, y: 0).last == 0)
        #expect(png.pixel(x: 40, y: 0).last == 255)
        let jpeg = try codec.decode(codec.encode(image, as: .jpeg, quality: 95))
        #expect(jpeg.channels == 3)
        #expect(jpeg.pixel(x: 4, y: 24).allSatisfy { $0 > 235 })
    }

    @Test(arguments: [
        (ResizeFit.fill, 32, 32, 32, 32), (.contain, 32, 32, 32, 24), (.cover, 32, 32, 32, 32),
        (.contain, 128, 200, 128, 96),
    ])
    func resizeHonoursTheFit(fit: ResizeFit, width: Int, height: Int, expectedWidth: Int, expectedHeight: Int) throws {
        let resized = try codec.resize(Self.gradient(), to: PixelSize(width: width, height: height), fit: fit)
        #expect(resized.size == PixelSize(width: expectedWidth, height: expectedHeight))
        #expect(resized.channels == 3)
    }

    @Test func resizeOfAFlatColourStaysFlat() throws {
        let flat = RasterImage(
            width: 90, height: 60, channels: 3,
            pixels: [UInt8](repeating: 0, count: 90 * 60 * 3).enumerated().map { [200, 100, 50][$0.offset % 3] })
        let small = try codec.resize(flat, to: PixelSize(width: 30, height: 20), fit: .fill)
        #expect(Set(stride(from: 0, to: small.pixels.count, by: 3).map { small.pixels[$0] }) == [200])
        #expect(Set(stride(from: 2, to: small.pixels.count, by: 3).map { small.pixels[$0] }) == [50])
    }

    @Test func garbageIsAClearError() {
        #expect { _ = try codec.decode(Data("not an image".utf8)) } throws: { "\($0)".contains("not an image") }
        let truncated = TestImages.png(width: 64, height: 64).prefix(60)
        #expect(throws: ImagingError.self) { _ = try codec.decode(Data(truncated)) }
    }
}
