import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// What the real service does that a kind stub would not, through the built executable and real HTTP.
@Suite struct RealServiceTests {
    let tool = ToolRunner()
    let key = "AIzaREAL-\(UUID().uuidString)"

    func environment(_ url: URL) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    /// `count` assets of one model, each with the shared reference, in a fresh project.
    func project(_ count: Int, model: String = "gemini-3.1-flash-image", size: String = "512") -> TemporaryDirectory {
        let folder = TemporaryDirectory("real-service")
        var manifest = "version: 1\nprovider: gemini\ndefaults: {model: \(model), image_size: \"\(size)\"}\nassets:\n"
        for index in 1...count {
            manifest +=
                "  - {id: a\(index), output: Images/a\(index).png, prompt: \"picture number \(index)\", references: [Art/shared.png]}\n"
        }
        folder.write("assets.yml", manifest)
        folder.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 9))
        return folder
    }

    @Test func aReferenceSavedDuringTheRunFailsThatAssetAndTheNextRunSeesIt() throws {
        // The stub holds the first answer until the reference is saved: no latency to outrun.
        let gate = StubGate()
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = project(2)
        let environment = environment(url)
        // A thread of its own: parallel tests may hold every thread of the concurrency pool.
        let run = BackgroundRun { [tool] in
            try tool.run(
                ["generate", "--yes", "--jobs", "1", "--json", "--no-commit"], in: folder.path, environment: environment
            )
        }
        // While the first call is in flight, the user saves the shared reference.
        let held = gate.waitUntilHeld(1)
        folder.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 77))
        gate.open()
        try #require(held, "the first call reached the stub")
        let first = try run.wait()
        #expect(first.status == 1)
        #expect(first.ids(in: "generated") == ["a1"], "a1's bytes were read before the save")
        #expect(first.ids(in: "failed") == ["a2"])
        let error = first.failure("a2")?.message ?? ""
        #expect(first.failure("a2")?.kind == "changed")
        #expect(first.failure("a2")?.fix?.contains("run again") == true)
        #expect(error.contains("changed during the run"), "\(error)")
        #expect(stub.generateRequests.count == 1, "nothing was sent for the old bytes")
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.states == ["a1": "stale", "a2": "stale"])
        #expect(status.reasons("a1").contains("reference 'Art/shared.png' changed"))
        let second = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment)
        #expect(second.ids(in: "generated") == ["a1", "a2"], "\(second.stderr)")
        let sent = stub.generateRequests.last.flatMap { StubValidationProbe.inlineImages($0) } ?? []
        #expect(sent.contains(SHA256.hash(TestImages.png(width: 32, height: 32, seed: 77))), "the new bytes were sent")
    }

    @Test func anAnswerSlowerThanAMinuteCompletesWithoutARetry() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.delay(62))
        let folder = project(1, model: "gemini-3-pro-image", size: "4K")
        let started = Date()
        let run = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment(url))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.ids(in: "generated") == ["a1"])
        #expect(stub.generateRequests.count == 1, "one call, not cut off and retried")
        #expect(Date().timeIntervalSince(started) >= 62)
    }

    @Test func maxCostHoldsWithEightJobsWhenAnswersTimeOut() throws {
        // The first 8 answers are held until the run is over: each attempt times out after it was sent.
        let first = LockedValue(0)
        let gate = StubGate { request in
            request.path.hasSuffix(":generateContent")
                && first.withValue {
                    $0 += 1
                    return $0 <= 8
                }
        }
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = project(8, size: "1K")
        let price = 0.0672  // 3.1 Flash at 1K: 1120 tokens at $60 per million
        let cap = 10 * price
        let run = try tool.run(
            [
                "generate", "--yes", "--json", "--no-commit", "--jobs", "8", "--request-timeout", "1",
                "--max-cost", String(cap),
            ], in: folder.path, environment: environment(url))
        #expect(run.status == 1)
        #expect(run.ids(in: "generated").count == 2, "two billed-maybe retries fit under the cap: \(run.stderr)")
        #expect(run.ids(in: "failed").count == 6)
        gate.open()
        #expect(gate.held.total == 8)
        #expect(stub.generateRequests.count == 10, "8 first attempts and 2 billed-maybe retries")
        #expect(run.stats["possibly_billed_attempts"] as? Int == 8)
        let usage = try tool.run(["usage", "--by", "asset", "--json"], in: folder.path)
        let rows = (usage.json?["rows"] as? [[String: Any]]) ?? []
        let spent = rows.map { ($0["cost_usd"] as? Double ?? 0) + ($0["possibly_billed_usd"] as? Double ?? 0) }.reduce(
            0, +)
        #expect(rows.map { $0["possibly_billed"] as? Int ?? 0 }.reduce(0, +) == 8, "every timed-out attempt is marked")
        #expect(spent <= cap + price, "spent \(spent) against a cap of \(cap)")
        let text = try tool.run(["usage"], in: folder.path)
        #expect(text.stdout.contains("possibly billed: 8 attempts"))
    }
}

/// Reads what a recorded request sent.
enum StubValidationProbe {
    /// SHA-256 of every inline image of a generateContent body.
    static func inlineImages(_ request: RecordedRequest) -> [ContentHash] {
        let contents = (request.json?["contents"] as? [[String: Any]]) ?? []
        return contents.flatMap { ($0["parts"] as? [[String: Any]]) ?? [] }.compactMap {
            (($0["inlineData"] as? [String: Any])?["data"] as? String).flatMap { Data(base64Encoded: $0) }.map {
                SHA256.hash($0)
            }
        }
    }
}
