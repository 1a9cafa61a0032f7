import AssetImaging
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Renditions end to end: cached, made again alone when their own parameters change, never a provider call.
@Suite struct RenditionTests {
    let tool = ToolRunner()

    static func manifest(smallWidth: Int = 64) -> String {
        """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: 1K}
        assets:
          - id: logo
            output: Images/logo.png
            prompt: "A logo"
            renditions:
              - {output: Web/logo-512.webp, width: 512}
              - {output: Web/logo-small.png, width: \(smallWidth), height: 64, fit: cover}
              - {output: Web/logo.jpg, height: 300}
          - id: banner
            output: Images/banner.png
            prompt: "A banner"
            config: {aspect_ratio: "16:9"}
            renditions:
              - {output: Web/banner-640.png, width: 640}
        """
    }

    @Test func changingOneRenditionsWidthRemakesOnlyThatRendition() throws {
        let folder = TemporaryDirectory("renditions")
        folder.write("assets.yml", Self.manifest())
        let first = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stats["images_rendered"] as? Int == 4)
        #expect(PixelSize.of(try #require(folder.read("Web/logo-512.webp"))) == PixelSize(width: 512, height: 512))
        #expect(ImageFormat.sniff(try #require(folder.read("Web/logo-512.webp"))) == .webp)
        #expect(PixelSize.of(try #require(folder.read("Web/logo-small.png"))) == PixelSize(width: 64, height: 64))
        #expect(PixelSize.of(try #require(folder.read("Web/logo.jpg"))) == PixelSize(width: 300, height: 300))
        #expect(PixelSize.of(try #require(folder.read("Web/banner-640.png"))) == PixelSize(width: 640, height: 357))

        let noOp = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(noOp.ids(in: "fresh") == ["logo", "banner"])
        #expect(noOp.stats["images_rendered"] as? Int == 0, "a no-op run does no image work")
        #expect(noOp.stats["files_hashed"] as? Int == 0)

        let untouched = [
            "Images/logo.png", "Images/banner.png", "Web/logo-512.webp", "Web/logo.jpg", "Web/banner-640.png",
        ]
        let before = try untouched.map { try FileStat.of(folder.url($0)) }
        #expect(before.allSatisfy { $0 != nil })
        folder.write("assets.yml", Self.manifest(smallWidth: 128))
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.ids(in: "stale") == ["logo"])
        #expect(status.reasons("logo") == ["Web/logo-small.png: width changed (64 → 128)"])
        #expect((status.json?["assets"] as? [[String: Any]])?.first?["action"] as? String == "render")
        #expect(try tool.run(["status", "--check"], in: folder.path).status == 1)

        let changed = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stats["provider_calls"] as? Int == 0)
        #expect(changed.stats["images_rendered"] as? Int == 1, "only that rendition is made")
        #expect(changed.ids(in: "rendered") == ["logo"])
        #expect(changed.ids(in: "fresh") == ["banner"])
        #expect(changed.stderr.contains("logo → Web/logo-small.png"), "the progress line names the file written")
        #expect(PixelSize.of(try #require(folder.read("Web/logo-small.png"))) == PixelSize(width: 128, height: 64))
        #expect(try untouched.map { try FileStat.of(folder.url($0)) } == before, "no other file was written")
        let lock = try #require(
            folder.read("assets.lock").flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        let logo = try #require((lock["assets"] as? [String: [String: Any]])?["logo"])
        let recipes = (logo["renditions"] as? [[String: Any]] ?? []).compactMap { $0["recipe"] as? String }
        #expect(recipes.contains("rendition:1 format=png width=128 height=64 fit=cover"))

        // Back to 64: the earlier rendition is in the cache, so no image work at all.
        folder.write("assets.yml", Self.manifest())
        let reverted = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(reverted.ids(in: "rendered") == ["logo"])
        #expect(reverted.stats["images_rendered"] as? Int == 0)
        #expect(try tool.run(["status", "--check"], in: folder.path).status == 0)
    }

    @Test func aRenditionEditedByHandIsNotOverwrittenWithoutForce() throws {
        let folder = TemporaryDirectory("renditions-edit")
        folder.write("assets.yml", Self.manifest())
        #expect(try tool.run(["generate", "--no-commit"], in: folder.path).status == 0)
        folder.write("Web/logo-small.png", TestImages.png(width: 64, height: 64, seed: 7))
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(
            status.reasons("logo") == [
                "Web/logo-small.png: modified since it was written (delete it to render it again at no cost)"
            ])
        let refused = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.ids(in: "failed") == ["logo"])
        let failure = (refused.json?["assets"] as? [[String: Any]])?.first?["error"] as? [String: Any]
        #expect(failure?["kind"] as? String == "modified_output")
        #expect(
            failure?["message"] as? String
                == "Web/logo-small.png was changed outside generate-assets; refusing to overwrite it")
        #expect(failure?["fix"] as? String == "delete it to render it again at no cost, or move your edit elsewhere")
        #expect(folder.read("Web/logo-small.png") == TestImages.png(width: 64, height: 64, seed: 7))
        let forced = try tool.run(["generate", "--json", "--no-commit", "--force", "--only", "logo"], in: folder.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(
            forced.ids(in: "generated") == ["logo"],
            "--force re-rolls the image (a new variant) and overwrites the edit")
        #expect(forced.stats["provider_calls"] as? Int == 1)
        #expect(PixelSize.of(try #require(folder.read("Web/logo-small.png"))) == PixelSize(width: 64, height: 64))
        #expect(folder.read("Web/logo-small.png") != TestImages.png(width: 64, height: 64, seed: 7))
    }

    /// A WebP output is written losslessly: with the cache gone, its pixels are the image's, so a deleted
    /// rendition is made from it, byte for byte as before, and the approved image is never made again.
    @Test func withoutTheCacheALosslessOutputStillGivesItsRenditions() throws {
        let folder = TemporaryDirectory("renditions-lossless")
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: hero, output: Images/hero.webp, prompt: "A hero.", renditions: [{output: Web/hero-64.png, width: 64}]}
            """)
        #expect(try tool.run(["generate", "--no-commit"], in: folder.path).status == 0)
        let thumbnail = try #require(folder.read("Web/hero-64.png"))
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))
        try FileManager.default.removeItem(atPath: folder.url("Web/hero-64.png"))
        #expect(try tool.run(["status", "--json"], in: folder.path).reasons("hero") == ["Web/hero-64.png: missing"])
        let result = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.ids(in: "rendered") == ["hero"] && result.stats["provider_calls"] as? Int == 0)
        #expect(folder.read("Web/hero-64.png") == thumbnail)
    }

    @Test func withoutTheCacheARenditionIsMadeFromTheOutputFileOrTheImageIsMadeAgain() throws {
        let folder = TemporaryDirectory("renditions-no-cache")
        folder.write(
            "assets.yml",
            Self.manifest() + "\n" + """
                  - id: mark
                    output: Assets.xcassets/Mark.imageset
                    prompt: "A mark"
                    scales: [1, 2]
                    point_size: [32, 32]

                """)
        #expect(try tool.run(["generate", "--no-commit"], in: folder.path).status == 0)
        let small = try #require(folder.read("Web/logo-small.png"))
        let mark = try #require(folder.read("Assets.xcassets/Mark.imageset/Mark@2x.png"))
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))  // as in a fresh clone
        try FileManager.default.removeItem(atPath: folder.url("Web/logo-small.png"))
        try FileManager.default.removeItem(atPath: folder.url("Assets.xcassets/Mark.imageset/Mark@2x.png"))

        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(
            status.reasons("logo") == ["Web/logo-small.png: missing"], "its output file holds the image's very bytes")
        #expect(
            status.reasons("mark").contains(
                "the generated image is in neither the cache nor an output file, so it is made again"))
        let result = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.ids(in: "rendered") == ["logo"])
        #expect(result.ids(in: "generated") == ["mark"])
        #expect(result.stats["provider_calls"] as? Int == 1)
        #expect(folder.read("Web/logo-small.png") == small)
        #expect(
            folder.read("Assets.xcassets/Mark.imageset/Mark@2x.png") == mark,
            "the placeholder draws the same image again")
    }

    /// The stub answers with horizontal bands of flat colour: the top band's colour is keyed out.
    @Test func aKeyedOutPNGHasRealAlpha() throws {
        let key = "AIzaKEY-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let environment = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
        ]
        let folder = TemporaryDirectory("renditions-key")
        let manifest =
            "version: 1\nprovider: gemini\nassets:\n  - id: logo\n    output: Images/logo.png\n    prompt: \"A logo on a flat background\"\n    config: {image_size: \"512\"}\n"
        folder.write("assets.yml", manifest)
        #expect(
            try tool.run(["generate", "--yes", "--no-commit"], in: folder.path, environment: environment).status == 0)
        let codec = ImageCodecs.platform
        let image = try codec.decode(try #require(folder.read("Images/logo.png")))
        let background = Array(image.pixel(x: 0, y: 0))
        let hex = "#" + background.prefix(3).map { String(format: "%02X", $0) }.joined()

        folder.write(
            "assets.yml",
            manifest
                + "    renditions: [{output: Images/logo-transparent.png, remove_background: \"\(hex)\", tolerance: 0.05}]\n"
        )
        let keyed = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment)
        #expect(keyed.status == 0, "\(keyed.stderr)")
        #expect(keyed.stats["provider_calls"] as? Int == 0, "a new rendition never calls the provider")
        #expect(stub.generateRequests.count == 1)
        let png = try #require(folder.read("Images/logo-transparent.png"))
        let result = try codec.decode(png)
        #expect(result.channels == 4, "a real alpha channel")
        #expect(result.size == image.size)
        var transparent = 0
        var opaque = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let source = image.pixel(x: x, y: y)
                let alpha = Array(result.pixel(x: x, y: y))[3]
                let distance = Self.distance(Array(source), background)
                if Array(source) == background {
                    #expect(alpha == 0, "the key colour at \(x),\(y)")
                    transparent += 1
                } else if distance > 0.1 {
                    #expect(alpha == 255, "the subject at \(x),\(y)")
                    opaque += 1
                }
                if alpha == 0 || alpha == 255 { continue }
                #expect(distance > 0.05 && distance < 0.1, "partial alpha only between tolerance and twice it")
            }
        }
        #expect(transparent >= image.width * image.height / 8, "at least the top band is transparent")
        #expect(opaque > 0)
    }

    /// RGB distance as a fraction of the largest possible (black to white).
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var sum = 0.0
        for channel in 0..<3 {
            let difference = Double(a[channel]) - Double(b[channel])
            sum += difference * difference
        }
        return sum.squareRoot() / (3.0 * 255 * 255).squareRoot()
    }
}
