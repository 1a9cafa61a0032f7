import AssetImaging
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Answers in any image format, and references over the inline limit through the File API, end to end.
@Suite struct AnswerFormatTests {
    let tool = ToolRunner()
    let key = "AIzaFORMAT-\(UUID().uuidString)"

    func environment(_ url: URL) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    @Test func aProAnswerOfJPEGLabelledPNGBecomesARealPNGAndIsPaidForOnce() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.answerFormats = ["gemini-3-pro-image": .jpegAsPNG]
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("formats")
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: gemini
            defaults: {model: gemini-3-pro-image, image_size: 1K}
            assets:
              - {id: cover, output: Images/cover.png, prompt: "a cover", config: {aspect_ratio: "4:3"}}
              - {id: photo, output: Images/photo.jpg, prompt: "a photo", config: {aspect_ratio: "16:9"}}
              - {id: web, output: Web/banner.webp, prompt: "a banner", config: {aspect_ratio: "21:9"}}
            """)
        let first = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.ids(in: "generated") == ["cover", "photo", "web"])
        let answers = Dictionary(
            uniqueKeysWithValues: stub.generateRequests.compactMap { request in
                request.prompt.map { ($0, request.imageSHA256 ?? "") }
            })

        let cover = try #require(folder.read("Images/cover.png"))
        #expect(ImageFormat.sniff(cover) == .png, "a real PNG, not JPEG bytes under a .png name")
        #expect(PixelSize.of(cover) == PixelSize(width: 1200, height: 896), "the answer's pixel size")
        let photo = try #require(folder.read("Images/photo.jpg"))
        #expect(SHA256.hash(photo).hex == answers["a photo"], "a JPEG answer is written byte for byte")
        let banner = try #require(folder.read("Web/banner.webp"))
        #expect(ImageFormat.sniff(banner) == .webp)
        #expect(PixelSize.of(banner) == PixelSize(width: 1584, height: 672))

        let lock = try #require(
            folder.read("assets.lock").flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        let entries = try #require(lock["assets"] as? [String: [String: Any]])
        #expect(entries["cover"]?["answer_format"] as? String == "jpeg")
        #expect(entries["cover"]?["answer_sha256"] as? String == answers["a cover"])
        #expect(entries["cover"]?["output_sha256"] as? String == SHA256.hash(cover).hex)
        #expect(entries["photo"]?["answer_sha256"] as? String == entries["photo"]?["output_sha256"] as? String)

        // The paid-for answers are the cached results: nothing is called again, even with the outputs gone.
        try FileManager.default.removeItem(atPath: folder.url("Images"))
        let second = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(second.ids(in: "restored") == ["cover", "photo"])
        #expect(stub.generateRequests.count == 3, "no call on the second run")
        #expect(folder.read("Images/cover.png") == cover, "the conversion is deterministic")
        let verify = try tool.run(["cache", "verify", "--json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func theOutputFormatCanChangeWithoutACall() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("formats-rename")
        let manifest =
            "version: 1\nprovider: gemini\nassets:\n  - {id: a, output: Images/a.png, prompt: \"x\", config: {image_size: \"512\"}}\n"
        folder.write("assets.yml", manifest)
        #expect(
            try tool.run(["generate", "--yes", "--no-commit"], in: folder.path, environment: environment(url)).status
                == 0)
        folder.write("assets.yml", manifest.replacingOccurrences(of: "a.png", with: "a.jpg"))
        let moved = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(moved.ids(in: "restored") == ["a"])
        #expect(stub.generateRequests.count == 1)
        let jpeg = try #require(folder.read("Images/a.jpg"))
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        #expect(PixelSize.of(jpeg) == PixelSize(width: 512, height: 512))
    }

    @Test func referencesOverTheInlineLimitGoThroughTheFileAPIOnceAndAgainWhenExpired() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.inlineLimitBytes = 524_288
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("file-api")
        func manifest(_ prompt: String) -> String {
            """
            version: 1
            provider: gemini
            api: {inline_limit_mb: 0.5}
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: one, output: Images/one.png, prompt: "\(prompt)", references: [Art/a.png, Art/b.png, Art/c.png]}
              - {id: two, output: Images/two.png, prompt: "the same three", references: [Art/c.png, Art/b.png, Art/a.png]}
            """
        }
        folder.write("assets.yml", manifest("three big references"))
        for (name, seed) in [("a", 1), ("b", 2), ("c", 3)] {
            folder.write("Art/\(name).png", TestImages.noise(width: 400, height: 400, seed: UInt64(seed)))
        }
        let first = try tool.run(
            ["generate", "--yes", "--json", "--no-commit", "--jobs", "1"], in: folder.path,
            environment: environment(url))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stats["files_uploaded"] as? Int == 3)
        #expect(stub.uploads.count == 3, "each reference uploaded once, reused by the second asset")
        #expect(Set(stub.uploads.map(\.sha256)).count == 3)
        for request in stub.generateRequests {
            #expect(StubValidationProbe.inlineImages(request).isEmpty)
            #expect(StubValidationProbe.fileURIs(request).count == 3, "every reference as fileData")
        }

        stub.expireAllFiles()
        folder.write("assets.yml", manifest("three big references, again"))
        let second = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(second.ids(in: "generated") == ["one"], "\(second.stderr)")
        #expect(stub.uploads.count == 6, "the expired uploads were uploaded again")
        #expect(second.stats["files_uploaded"] as? Int == 3)
        #expect(stub.generateRequests.last?.status == 200)
    }
}

extension StubValidationProbe {
    /// The `fileUri` of every fileData part of a generateContent body.
    static func fileURIs(_ request: RecordedRequest) -> [String] {
        let contents = (request.json?["contents"] as? [[String: Any]]) ?? []
        return contents.flatMap { ($0["parts"] as? [[String: Any]]) ?? [] }.compactMap {
            ($0["fileData"] as? [String: Any])?["fileUri"] as? String
        }
    }
}
