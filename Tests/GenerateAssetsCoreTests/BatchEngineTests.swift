import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// The Batch API paths of the engine in-process, with the real client against the loopback stub.
@Suite struct BatchEngineTests {
    let key = "batch-engine-\(UUID().uuidString)"

    func context(_ folder: TemporaryDirectory, _ url: URL) throws -> ProjectContext {
        let settings = try GeminiSettings.resolve(
            api: .init(), baseURLOverride: url.absoluteString, environment: ["GEMINI_API_KEY": key])
        let options = ProjectOptions(directory: folder.path)
        // The cache is the provider's upload store in production; a memory store is enough here.
        return try ProjectContext(
            options: options, readOnly: false, environment: [:], provider: GeminiProvider(settings: settings))
    }

    func run(_ folder: TemporaryDirectory, _ url: URL, batch: Bool = false, restoreOnly: Bool = false) async throws
        -> RunReport
    {
        var options = GenerateOptions(commit: false)
        options.batch = batch
        options.restoreOnly = restoreOnly
        return try await GenerateEngine(context: try context(folder, url), options: options, reporter: reporter).run()
    }

    let reporter = CollectingReporter()

    /// A project whose assets (the YAML list items in `assets`) default to Flash-Lite.
    func flashLiteProject(_ label: String, _ assets: String) -> TemporaryDirectory {
        let folder = TemporaryDirectory(label)
        folder.write(
            "assets.yml", "version: 1\ndefaults: {model: gemini-3.1-flash-lite-image}\nassets:\n" + assets + "\n")
        return folder
    }

    /// A started stub whose batch jobs finish when the test says so.
    func manualStub() throws -> (GeminiStub, URL) {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        let stub = GeminiStub(options: options)
        return (stub, try stub.start())
    }

    @Test func submitWaitApplyAtTheBatchPrice() async throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = flashLiteProject(
            "batch-engine",
            """
              - {id: a, output: Images/a.png, prompt: "first"}
              - {id: b, output: Images/b.webp, prompt: "second"}
              - {id: c, output: Images/c.png, prompt: "third, from b", references: [{asset: b}]}
            """)
        var dry = GenerateOptions(commit: false)
        dry.batch = true
        dry.dryRun = true
        let plan = try await GenerateEngine(context: try context(folder, url), options: dry, reporter: reporter).run()
        #expect(
            plan.assets.map(\.estimatedCostUSD) == [0.0168, 0.0168, 0.0168], "--batch --dry-run at the Batch price")

        let submitted = try await run(folder, url, batch: true)
        #expect(submitted.batches?.count == 1)
        #expect(submitted.batches?.first?.assets == ["a", "b"], "c waits for its upstream")
        let inJob = submitted.assets.filter { $0.batch != nil }
        #expect(inJob.count == 2 && inJob.allSatisfy { $0.action == .wait })
        #expect(folder.read("assets.lock") == nil, "nothing recorded yet, so no empty lock (and no commit of one)")
        #expect(submitted.assets.first { $0.id == "c" }?.reasons == [.waitsForUpstream(["b"])])
        #expect(abs((submitted.batches?.first?.estimatedCostUSD ?? 0) - 2 * 0.0168) < 1e-9, "Flash-Lite's Batch price")
        let submittedEvents = reporter.events.compactMap {
            if case .batchSubmitted(let name, let model, let images) = $0 { (name, model, images) } else { nil }
        }
        #expect(
            submittedEvents.count == 1 && submittedEvents.first?.1 == "gemini-3.1-flash-lite-image"
                && submittedEvents.first?.2 == 2, "a typed event")

        let waiting = try await run(folder, url)
        #expect(waiting.assets.filter { $0.batch != nil }.map(\.id) == ["a", "b"])
        #expect(
            waiting.assets.filter { $0.batch != nil }.allSatisfy { $0.action == .wait && $0.estimatedCostUSD == 0 },
            "waiting in a job: nothing to pay now")
        #expect(stub.generateRequests.isEmpty, "no synchronous call while they wait")

        stub.completeAllBatches()
        let applied = try await run(folder, url, restoreOnly: true)
        #expect(
            reporter.events.contains {
                if case .batchEnded(_, "BATCH_STATE_SUCCEEDED", 2, 2) = $0 { true } else { false }
            })
        #expect(applied.assets.map(\.state) == [.restored, .restored, .stale])
        #expect(ImageFormat.sniff(try #require(folder.read("Images/b.webp"))) == .webp)
        let cache = try #require(try context(folder, url).cache)
        let usage = try cache.usage(by: .model, since: nil)
        #expect(abs((usage.first?.batchUSD ?? 0) - 2 * 0.0168) < 1e-6, "half of $0.0336 for each")
        #expect(stub.generateRequests.isEmpty)
    }

    /// `variants: 3` with `--batch`: three lines in one job (a seed each), applied as variants 1 to 3.
    @Test func variantsGoAsSeparateLinesOfOneJob() async throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = TemporaryDirectory("batch-variants")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-lite-image}
            assets:
              - {id: hero, output: Images/hero.png, prompt: "A lighthouse", variants: 3, config: {seed: 5}}
            """)
        let submitted = try await run(folder, url, batch: true)
        #expect(submitted.batches?.count == 1)
        #expect(submitted.batches?.first?.assets == ["hero"])
        #expect(
            abs((submitted.batches?.first?.estimatedCostUSD ?? 0) - 3 * 0.0168) < 1e-9, "3 lines at the Batch price")
        #expect(abs((submitted.asset("hero")?.estimatedCostUSD ?? 0) - 3 * 0.0168) < 1e-9)
        #expect(stub.batches.first?.keys == ["hero", "hero#2", "hero#3"])
        // What went over the wire: one line per variant, each with its own seed.
        let body = try #require(stub.batchRequests.first?.body)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let lines =
            (((json["batch"] as? [String: Any])?["inputConfig"] as? [String: Any])?["requests"] as? [String: Any])?[
                "requests"] as? [[String: Any]] ?? []
        let seeds = lines.compactMap {
            (($0["request"] as? [String: Any])?["generationConfig"] as? [String: Any])?["seed"] as? Int
        }
        #expect(seeds == [5, 6, 7])

        stub.completeAllBatches()
        let applied = try await run(folder, url, restoreOnly: true)
        let hero = try #require(applied.asset("hero"))
        #expect(hero.state == .restored && hero.variants == 3 && hero.picked == 1, "\(hero)")
        #expect(stub.generateRequests.isEmpty, "no synchronous call")
        let cache = try #require(try context(folder, url).cache)
        let fingerprint = try #require(hero.fingerprint.flatMap(ContentHash.init(hex:)))
        let variants = try cache.variants(of: fingerprint)
        #expect(variants.map(\.number) == [1, 2, 3])
        #expect(Set(variants.map(\.result.blobSHA256)).count == 3, "three different images")
        #expect(try cache.chosenVariant(of: fingerprint)?.number == 1)
        let lock = try Lockfile.load(from: folder.url("assets.lock"))
        #expect(lock.assets["hero"]?.variants == 3)
        #expect(try await run(folder, url).asset("hero")?.state == .fresh, "nothing left to make")
    }

    /// `batch wait --timeout` waits the whole timeout, polling once more at its end, even when the next
    /// regular poll would come later.
    @Test func waitUsesItsWholeTimeout() async throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = flashLiteProject("batch-wait", "  - {id: a, output: Images/a.png, prompt: \"first\"}")
        _ = try await run(folder, url, batch: true)
        let started = Date()
        await #expect(throws: BatchStillRunning.self) {
            try await BatchRunner.wait(
                try context(folder, url), timeout: 0.5, interval: 5, commit: false, reporter: reporter)
        }
        #expect(Date().timeIntervalSince(started) >= 0.5, "it waited out the timeout")
        // Two polls, at the start and at the end of the timeout, unless the first already took longer than it
        // (a busy machine): the count is not a timing bound.
        let polls = stub.requests.filter { $0.method == "GET" && $0.path.contains("/batches/") }
        #expect((1...2).contains(polls.count))
    }
}
