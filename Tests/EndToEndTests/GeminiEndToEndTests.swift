import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The built executable with the Gemini provider against the loopback stub, as a user would run it.
@Suite struct GeminiEndToEndTests {
    let tool = ToolRunner()
    let canary = "AIzaCANARY-\(UUID().uuidString)"

    func environment(_ url: URL) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": canary, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    func example() throws -> (TemporaryDirectory, String) {
        let folder = TemporaryDirectory("gemini-example")
        let target = folder.url("PictureBook")
        try FileManager.default.copyItem(atPath: ExampleTests.exampleFolder, toPath: target)
        return (folder, target)
    }

    /// Every byte under `path` (cache and lock included) as one string, to search for the key.
    func everything(under path: String) -> String {
        var all = Data()
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let next = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: path + "/" + next) { all.append(data) }
        }
        return String(decoding: all, as: UTF8.self)
    }

    @Test func theExampleGeneratesRealImagesThroughGemini() throws {
        let stub = GeminiStub(options: .init(apiKey: canary, servesRetiredModels: true))
        let url = try stub.start()
        defer { stub.stop() }
        let (folder, target) = try example()
        let status = try tool.run(["status", "--provider", "gemini"], in: target)
        #expect(status.status == 0, "status needs no key")
        #expect(status.stdout.contains("estimated cost $"))
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--json"], in: target, environment: environment(url))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.ids(in: "generated").count == 9)
        #expect(stub.generateRequests.count == 9)
        #expect(((run.json?["cost_usd"] as? Double) ?? 0) > 0.3, "actual cost from usage")
        let banner = try #require(FileManager.default.contents(atPath: target + "/Images/store-banner.png"))
        #expect(PixelSize.of(banner) == PixelSize(width: 3168, height: 1344))
        let again = try tool.run(
            ["generate", "--provider", "gemini", "--json"], in: target, environment: environment(url))
        #expect(again.ids(in: "fresh").count == 9)
        #expect(stub.generateRequests.count == 9, "no call on a no-op run")
        let usage = try tool.run(["usage", "--by", "model", "--json"], in: target)
        #expect(((usage.json?["rows"] as? [[String: Any]])?.count ?? 0) == 3)
        for text in [
            status.stdout, status.stderr, run.stdout, run.stderr, again.stdout, again.stderr, usage.stdout,
            everything(under: folder.path),
        ] {
            #expect(!text.contains(canary), "the key leaked")
        }
    }

    @Test func oneBlockedAssetFailsAloneAndWritesNothing() throws {
        let stub = GeminiStub(options: .init(apiKey: canary, servesRetiredModels: true))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.finishReason("IMAGE_SAFETY"), times: 5, matching: "glowing in the snow")
        let (folder, target) = try example()
        defer { withExtendedLifetime(folder) {} }
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--json"], in: target, environment: environment(url))
        #expect(run.status == 1)
        #expect(run.states["page-2"] == "failed")
        #expect(run.states["page-3"] == "failed", "it needs page-2")
        #expect(run.ids(in: "generated").count == 7)
        let error = run.failure("page-2")?.message ?? ""
        #expect(error.contains("IMAGE_SAFETY") && error.contains("I can't make that image."))
        #expect(!FileManager.default.fileExists(atPath: target + "/Images/page-2.png"))
        #expect(!FileManager.default.fileExists(atPath: target + "/Images/page-3.png"))
        let listing = try FileManager.default.contentsOfDirectory(atPath: target + "/Images")
        #expect(!listing.contains { $0.contains(".tmp-") }, "no temp files left")
    }

    @Test func costGuardsStopBeforeAnyCall() throws {
        let stub = GeminiStub(options: .init(apiKey: canary))
        let url = try stub.start()
        defer { stub.stop() }
        let (folder, target) = try example()
        defer { withExtendedLifetime(folder) {} }
        let capped = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--max-cost", "0.10"], in: target,
            environment: environment(url))
        #expect(capped.status == 1)
        #expect(capped.stderr.contains("above --max-cost $0.10"))
        let unconfirmed = try tool.run(["generate", "--provider", "gemini"], in: target, environment: environment(url))
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("--yes"))
        var noKey = environment(url)
        noKey["GEMINI_API_KEY"] = ""
        let missing = try tool.run(["generate", "--provider", "gemini", "--yes"], in: target, environment: noKey)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("GEMINI_API_KEY") && missing.stderr.contains("--provider placeholder"))
        #expect(stub.requests.isEmpty, "none of these reached the service")
        #expect(!FileManager.default.fileExists(atPath: target + "/Images"))
    }

    @Test func aJPEGAnswerBecomesThePNGOutputAndIsNeverPaidForTwice() throws {
        let stub = GeminiStub(options: .init(apiKey: canary, servesRetiredModels: true))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.answerFormat(.jpegAsPNG), matching: "repeating end-paper pattern")
        let (folder, target) = try example()
        defer { withExtendedLifetime(folder) {} }
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--only", "end-papers", "--json"], in: target,
            environment: environment(url))
        #expect(run.states["end-papers"] == "generated", "\(run.stderr)")
        let output = try #require(FileManager.default.contents(atPath: target + "/Images/end-papers.png"))
        #expect(ImageFormat.sniff(output) == .png)
        try FileManager.default.removeItem(atPath: target + "/Images/end-papers.png")
        let retry = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--only", "end-papers", "--json"], in: target,
            environment: environment(url))
        #expect(retry.states["end-papers"] == "restored")
        #expect(stub.generateRequests.count == 1, "the paid-for JPEG answer is the cached result")
    }

    @Test func anUndecodableAnswerIsKeptAsABlobAndAskedForAgain() throws {
        let stub = GeminiStub(options: .init(apiKey: canary, servesRetiredModels: true))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.jpeg, matching: "repeating end-paper pattern")  // JPEG headers with no picture in them
        let (folder, target) = try example()
        defer { withExtendedLifetime(folder) {} }
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--only", "end-papers", "--json"], in: target,
            environment: environment(url))
        #expect(run.states["end-papers"] == "failed")
        #expect(!FileManager.default.fileExists(atPath: target + "/Images/end-papers.png"), "no half-made output")
        #expect(
            try tool.run(["cache", "stats", "--json"], in: target).json?["blobs"] as? Int == 1,
            "the paid-for bytes are kept")
        let retry = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--only", "end-papers", "--json"], in: target,
            environment: environment(url))
        #expect(retry.states["end-papers"] == "generated", "the next run asks again: \(retry.stderr)")
        #expect(stub.generateRequests.count == 2)
    }
}
