import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct PlaceholderTests {
    func request(_ model: String, ratio: String, size: String?, fingerprint: String = "fp") -> GenerationRequest {
        let row = ModelCatalog.models.first { $0.id == model }
        var config = GenerationConfig()
        config.model = model
        config.aspectRatio = ratio
        config.imageSize = size
        return GenerationRequest(
            assetID: "hero", fingerprint: SHA256.hash(fingerprint), prompt: "p", config: config, model: row,
            pixelSize: row?.pixelSize(aspectRatio: ratio, imageSize: size), references: [])
    }

    @Test(arguments: [
        ("gemini-3.1-flash-image", "21:9", "512", 792, 168),
        ("gemini-3.1-flash-image", "1:8", "1K", 384, 3072),
        ("gemini-3.1-flash-image", "16:9", "2K", 2752, 1536),
        ("gemini-3-pro-image", "4:5", "1K", 928, 1152),
        ("gemini-2.5-flash-image", "3:2", "", 1248, 832),
    ])
    func exactPixelSizesAndValidPNG(model: String, ratio: String, size: String, width: Int, height: Int) async throws {
        let result = try await PlaceholderProvider().generate(
            request(model, ratio: ratio, size: size.isEmpty ? nil : size))
        #expect(result.format == .png)
        #expect(PixelSize.of(result.image) == PixelSize(width: width, height: height))
        #expect(
            TestImages.decodedScanlineBytes(result.image) == height * (1 + width * 3),
            "CRCs valid and IDAT inflates to every row")
    }

    @Test func deterministicPerFingerprint() async throws {
        let provider = PlaceholderProvider()
        let a = try await provider.generate(request("gemini-3.1-flash-image", ratio: "1:1", size: "512"))
        let b = try await provider.generate(request("gemini-3.1-flash-image", ratio: "1:1", size: "512"))
        let c = try await provider.generate(
            request("gemini-3.1-flash-image", ratio: "1:1", size: "512", fingerprint: "other"))
        #expect(a.image == b.image)
        #expect(a.image != c.image)
        #expect(provider.isPlaceholder && provider.isFree)
    }

    @Test func unknownModelsGetARatioShapedFallback() {
        #expect(PlaceholderProvider.fallbackSize(aspectRatio: "1:1") == PixelSize(width: 1024, height: 1024))
        let wide = PlaceholderProvider.fallbackSize(aspectRatio: "16:9")
        #expect(wide.width > wide.height)
        #expect(PlaceholderProvider.fallbackSize(aspectRatio: "bogus") == PixelSize(width: 1024, height: 1024))
    }
}
