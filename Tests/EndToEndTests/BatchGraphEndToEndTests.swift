import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A project three levels deep rebuilt through Batch with one `generate --batch` and one `batch wait`.
@Suite struct BatchGraphEndToEndTests {
    let tool = ToolRunner()
    let key = "AIzaGRAPH-\(UUID().uuidString)"

    func started(_ schedule: BatchSchedule) throws -> (GeminiStub, URL) {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = schedule
        let stub = GeminiStub(options: options)
        return (stub, try stub.start())
    }

    /// A Flash-Lite project of `sky` and the further assets given (YAML list items).
    func write(_ folder: TemporaryDirectory, _ more: String) {
        folder.write(
            "assets.yml",
            "version: 1\nprovider: gemini\ndefaults: {model: gemini-3.1-flash-lite-image}\nassets:\n"
                + "  - {id: sky, output: Images/sky.png, prompt: \"a sky\"}\n" + more + "\n")
    }

    @Test func threeLevelsGoThroughThreeJobsOneAfterAnother() throws {
        let (stub, url) = try started(.afterPolls(1))
        defer { stub.stop() }
        let folder = TemporaryDirectory("batch-graph")
        try GitCLI.makeRepository(folder)
        write(
            folder,
            """
              - {id: sea, output: Images/sea.png, prompt: "a sea"}
              - {id: boat, output: Images/boat.png, prompt: "a boat", references: [{asset: sea}]}
              - {id: gull, output: Images/gull.png, prompt: "a gull", references: [{asset: sky}]}
              - {id: scene, output: Images/scene.png, prompt: "the scene", references: [{asset: boat}, {asset: gull}]}
            """)
        try GitCLI.run(["add", "-A"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        let env = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            "GENERATE_ASSETS_BATCH_POLL": "0.01",
        ]
        let dry = try tool.run(["generate", "--batch", "--dry-run", "--json"], in: folder.path, environment: env)
        #expect(dry.json?["rounds"] as? Int == 3)
        let estimate = try #require(dry.json?["estimated_cost_usd"] as? Double)
        #expect(abs(estimate - 5 * 0.0168) < 1e-6, "every level at the Batch price")

        let submit = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.json?["rounds"] as? Int == 3)
        let submitted = submit.json?["estimated_cost_usd"] as? Double
        #expect(
            submitted.map { abs($0 - estimate) < 1e-9 } == true,
            "every level, as the dry run said: \(String(describing: submitted))")
        #expect(stub.batches.count == 1)
        let waiting = (submit.json?["assets"] as? [[String: Any]]) ?? []
        #expect(waiting.allSatisfy { $0["action"] as? String == "wait" }, "\(waiting.map { $0["action"] })")

        let waited = try tool.run(["batch", "wait", "--json"], in: folder.path, environment: env)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.json?["rounds"] as? Int == 3)
        let jobs = stub.batches
        #expect(jobs.count == 3, "three jobs")
        #expect(jobs.map(\.requestCount) == [2, 2, 1], "one level each: \(jobs.map(\.keys))")
        #expect(stub.generateRequests.isEmpty, "nothing synchronous")
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.ids(in: "fresh").count == 5, "every asset made: \(status.stdout)")
        let usage = try tool.run(["usage", "--by", "model", "--json"], in: folder.path)
        let row = (usage.json?["rows"] as? [[String: Any]])?.first
        let spent = row?["cost_usd"] as? Double ?? 0
        #expect(spent > 0 && abs(spent - (row?["batch_usd"] as? Double ?? -1)) < 1e-9, "all at the Batch price")
        let log = try GitCLI.run(["log", "--format=%s"], in: folder.path)
        let subjects = log.split(separator: "\n").map(String.init)
        #expect(
            subjects.prefix(3) == [
                "generate-assets: 1 asset (scene)", "generate-assets: 2 assets (boat, gull)",
                "generate-assets: 2 assets (sea, sky)",
            ],
            "one commit per round, each with the level it applied: \(log)")
    }

    @Test func waitWithATimeoutExitsWithItsOwnCodeWhileJobsRun() throws {
        let (stub, url) = try started(.manual)
        defer { stub.stop() }
        let folder = TemporaryDirectory("batch-timeout")
        write(folder, "")
        let env = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GENERATE_ASSETS_BATCH_POLL": "0.01",
        ]
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        let running = try tool.run(
            ["batch", "wait", "--timeout", "0", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(running.status == 75, "\(running.stderr)")
        #expect(running.json?["still_running"] as? Bool == true)
        #expect(((running.json?["batches"] as? [[String: Any]])?.first?["assets"] as? [String]) == ["sky"])
        stub.completeAllBatches()
        let done = try tool.run(
            ["batch", "wait", "--timeout", "0", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.ids(in: "restored") == ["sky"])
        #expect(((done.json?["batches"] as? [[String: Any]])?.first?["state"] as? String) == "BATCH_STATE_SUCCEEDED")
    }

    @Test func noFollowAppliesTheEndedJobAndSubmitsNoJobForTheNextLevel() throws {
        let (stub, url) = try started(.afterPolls(1))
        defer { stub.stop() }
        let folder = TemporaryDirectory("batch-no-follow")
        write(folder, "  - {id: gull, output: Images/gull.png, prompt: \"a gull\", references: [{asset: sky}]}")
        let env = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GENERATE_ASSETS_BATCH_POLL": "0.01",
        ]
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        let waited = try tool.run(
            ["batch", "wait", "--no-follow", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.json?["rounds"] as? Int == 1)
        #expect(waited.ids(in: "restored") == ["sky"])
        #expect(stub.batches.count == 1, "no job for the next level")
        #expect(stub.generateRequests.isEmpty)
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.ids(in: "stale") == ["gull"], "\(status.stdout)")
    }
}
