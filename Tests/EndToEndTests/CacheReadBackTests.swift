import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// What the cache remembers is read back by the next process (each run here is a new `generate-assets`
/// process): File API uploads, the stat cache, the call log and variants. (Batch jobs: BatchEngineTests, with a
/// new CacheStore.)
@Suite struct CacheReadBackTests {
    let tool = ToolRunner()
    let key = "AIzaCANARY-\(UUID().uuidString)"

    func environment(_ url: URL) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    static func manifest(_ prompt: String) -> String {
        """
        version: 1
        provider: gemini
        api: {inline_limit_mb: 0.5}
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: one, output: Images/one.png, prompt: "\(prompt)", references: [Art/a.png, Art/b.png]}
        """
    }

    /// Three variants made by one process are picked by others: each image comes back from the cache (only
    /// the first was ever written to the project), and no call is made for any of them.
    @Test func variantsAreReadBackByTheNextProcess() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("read-back-variants")
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: gemini
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: hero, output: Images/hero.png, prompt: "A lighthouse", variants: 3, config: {seed: 5}}

            """)
        let first = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(stub.generateRequests.count == 3)
        let written = try #require(folder.read("Images/hero.png"))
        var picked: [Int: Data] = [:]
        for number in [2, 3, 1, 2] {
            let pick = try tool.run(["pick", "hero", String(number), "--no-commit", "--json"], in: folder.path)
            #expect(pick.status == 0, "pick \(number): \(pick.stderr)")
            let image = try #require(folder.read("Images/hero.png"))
            #expect(ImageFormat.sniff(image) == .png)
            #expect(picked[number].map { $0 == image } ?? true, "variant \(number) is the same image each time")
            picked[number] = image
        }
        #expect(Set(picked.values).count == 3, "three different images, one per variant")
        #expect(picked.values.contains(written), "the image generate wrote is one of them")
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.states == ["hero": "fresh"], "\(status.stdout)")
        // The output lost: the next process restores the picked variant (2, picked last) from the cache.
        try FileManager.default.removeItem(atPath: folder.url("Images/hero.png"))
        let again = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(stub.generateRequests.count == 3, "no variant is made again")
        #expect(folder.read("Images/hero.png") == picked[2], "the picked variant is restored, not another")
    }

    /// Killed by File API uploads kept in memory only (not in the cache's `uploads` table).
    @Test func liveUploadsAreReusedByTheNextRun() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.inlineLimitBytes = 524_288
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("read-back-uploads")
        folder.write("assets.yml", Self.manifest("two big references"))
        folder.write("Art/a.png", TestImages.noise(width: 400, height: 400, seed: 1))
        folder.write("Art/b.png", TestImages.noise(width: 400, height: 400, seed: 2))
        let first = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(stub.uploads.count == 2)
        let firstURIs = Set(StubValidationProbe.fileURIs(try #require(stub.generateRequests.last)))

        folder.write("assets.yml", Self.manifest("two big references, another take"))
        let second = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.ids(in: "generated") == ["one"])
        #expect(stub.uploads.count == 2, "the next run reuses the live uploads the cache remembers")
        #expect(second.stats["files_uploaded"] as? Int == 0)
        #expect(stub.generateRequests.count == 2)
        #expect(Set(StubValidationProbe.fileURIs(try #require(stub.generateRequests.last))) == firstURIs)

        // The call log, read by another process: both calls, at the price they were billed.
        let usage = try tool.run(["usage", "--by", "asset", "--json"], in: folder.path)
        #expect(usage.status == 0, "\(usage.stderr)")
        let rows = try #require(usage.json?["rows"] as? [[String: Any]])
        #expect(rows.first { $0["key"] as? String == "one" }?["calls"] as? Int == 2, "\(usage.stdout)")
    }

    /// The stat cache: a second process trusts the first one's hashes and reads no file again.
    @Test func theStatCacheIsReadByTheNextRun() throws {
        let folder = TemporaryDirectory("read-back-stats")
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: one, output: Images/one.png, prompt: "a", references: [Art/a.png]}
            """)
        folder.write("Art/a.png", TestImages.png(width: 8, height: 8, seed: 3))
        let first = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect((first.stats["files_hashed"] as? Int ?? 0) > 0)
        let second = try tool.run(["generate", "--json", "--no-commit"], in: folder.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stats["files_hashed"] as? Int == 0, "every hash from the stat cache: \(second.stats)")
        #expect((second.stats["files_statted"] as? Int ?? 0) > 0)
    }
}
