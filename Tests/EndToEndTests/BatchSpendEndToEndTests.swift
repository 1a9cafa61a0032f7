import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A run that applies Batch answers reports them as spent, at the Batch price, apart from synchronous spend:
/// the figures are the call log's (what `usage` shows), and a later run does not count them again.
@Suite struct BatchSpendEndToEndTests {
    let tool = ToolRunner()
    let key = "AIzaSPEND-\(UUID().uuidString)"

    func started(_ schedule: BatchSchedule) throws -> (GeminiStub, [String: String]) {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = schedule
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        return (
            stub,
            [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
                "GENERATE_ASSETS_BATCH_POLL": "0.01",
            ]
        )
    }

    func project(_ name: String, _ assets: String) -> TemporaryDirectory {
        let folder = TemporaryDirectory(name)
        folder.write(
            "assets.yml",
            "version: 1\nprovider: gemini\ndefaults: {model: gemini-3.1-flash-lite-image}\nassets:\n\(assets)\n")
        return folder
    }

    /// What the call log says the Batch answers cost, as `usage` reports it.
    func batchUSDInUsage(_ folder: TemporaryDirectory) throws -> Double {
        let usage = try tool.run(["usage", "--by", "model", "--json"], in: folder.path)
        let rows = (usage.json?["rows"] as? [[String: Any]]) ?? []
        return rows.compactMap { $0["batch_usd"] as? Double }.reduce(0, +)
    }

    @Test func batchWaitReportsEveryRoundsAnswersAsSpentAtTheBatchPrice() throws {
        let (stub, env) = try started(.afterPolls(1))
        defer { stub.stop() }
        let folder = project(
            "batch-spend",
            """
              - {id: sky, output: Images/sky.png, prompt: "a sky"}
              - {id: sea, output: Images/sea.png, prompt: "a sea"}
              - {id: boat, output: Images/boat.png, prompt: "a boat", references: [{asset: sea}]}
            """)
        let submit = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.json?["cost_usd"] as? Double == 0, "submitting pays nothing yet")

        let waited = try tool.run(["batch", "wait", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(stub.batches.count == 2 && stub.generateRequests.isEmpty)
        let billed = try batchUSDInUsage(folder)
        #expect(billed > 0)
        let spent = try #require(waited.json?["cost_usd"] as? Double)
        #expect(abs(spent - billed) < 1e-9, "both rounds' answers are spent: \(spent) vs \(billed)")
        #expect(abs((waited.json?["batch_cost_usd"] as? Double ?? -1) - billed) < 1e-9)
        #expect(waited.json?["synchronous_cost_usd"] as? Double == 0)
        let last = (waited.json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == "boat" }
        #expect(last?["state"] as? String == "restored")
        #expect((last?["batch_cost_usd"] as? Double ?? 0) > 0, "the asset's own share: \(String(describing: last))")
        #expect(last?["cost_usd"] as? Double == last?["batch_cost_usd"] as? Double)
    }

    @Test func aGenerateThatAppliesAnEndedJobSaysSoInTextOnce() throws {
        let (stub, env) = try started(.manual)
        defer { stub.stop() }
        let folder = project(
            "batch-spend-text",
            """
              - {id: sky, output: Images/sky.png, prompt: "a sky"}
              - {id: sea, output: Images/sea.png, prompt: "a sea"}
            """)
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        stub.completeAllBatches()
        let applied = try tool.run(["generate", "--yes", "--no-commit"], in: folder.path, environment: env)
        #expect(applied.status == 0, "\(applied.stderr)")
        let billed = try batchUSDInUsage(folder)
        #expect(billed > 0)
        let money = String(format: "$%.3f", billed)
        #expect(
            applied.stdout.contains("spent \(money) (batch \(money) at the Batch price, synchronous $0.000)"),
            "[\(applied.stdout)]")
        let line = applied.stderr.split(separator: "\n").first { $0.contains("sky → Images/sky.png") }
        #expect(line?.contains(" at the Batch price") == true, "the asset's line: [\(applied.stderr)]")

        // Restored from the cache again, the answer was paid once: not spent again.
        try FileManager.default.removeItem(atPath: folder.path + "/Images/sky.png")
        let again = try tool.run(["generate", "--yes", "--no-commit"], in: folder.path, environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("sky → Images/sky.png"), "restored: [\(again.stderr)]")
        #expect(again.stdout.contains("spent $0.000") && !again.stdout.contains("Batch price"), "[\(again.stdout)]")
    }

    /// `batch list` and `batch cancel` store the answers of a job that ended: they say what those cost, once,
    /// and the run that then writes the outputs spends nothing more.
    @Test func batchListAndCancelSayWhatTheAnswersTheyStoredCost() throws {
        let (stub, env) = try started(.manual)
        defer { stub.stop() }
        let folder = project(
            "batch-spend-list",
            """
              - {id: sky, output: Images/sky.png, prompt: "a sky"}
              - {id: sea, output: Images/sea.png, prompt: "a sea"}
            """)
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        let running = try tool.run(["batch", "list", "--json"], in: folder.path, environment: env)
        let before = try #require((running.json?["batches"] as? [[String: Any]])?.first)
        #expect(before["applied_cost_usd"] == nil, "nothing ended yet: \(before)")
        stub.completeAllBatches()

        let listed = try tool.run(["batch", "list"], in: folder.path, environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        let billed = try batchUSDInUsage(folder)
        #expect(billed > 0)
        let money = String(format: "$%.3f", billed)
        #expect(listed.stdout.contains("\(money) spent (applied now)"), "[\(listed.stdout)]")
        #expect(listed.stdout.contains("spent \(money) at the Batch price: answers of 1 ended job stored"))

        let again = try tool.run(["batch", "list", "--json"], in: folder.path, environment: env)
        let job = try #require((again.json?["batches"] as? [[String: Any]])?.first)
        #expect(job["applied_cost_usd"] == nil, "applied once, counted once: \(job)")
        #expect(!again.stdout.contains("spent"))
        let run = try tool.run(["generate", "--yes", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(run.json?["cost_usd"] as? Double == 0, "written from the cache: \(run.stdout)")

        // Cancel finds a second job ended: it is applied, not dropped, and its cost said.
        folder.write(
            "assets.yml",
            "version: 1\nprovider: gemini\ndefaults: {model: gemini-3.1-flash-lite-image}\nassets:\n"
                + "  - {id: sky, output: Images/sky.png, prompt: \"a night sky\"}\n")
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        stub.completeAllBatches()
        let cancelled = try tool.run(["batch", "cancel", "--json"], in: folder.path, environment: env)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let ended = try #require((cancelled.json?["batches"] as? [[String: Any]])?.first)
        let second = try batchUSDInUsage(folder) - billed
        #expect(second > 0)
        #expect(abs((ended["applied_cost_usd"] as? Double ?? -1) - second) < 1e-9, "\(ended)")
    }

    /// Batch answers from another model (a retired id routed on) warn once and are priced at the serving
    /// model's Batch price, as synchronous answers are.
    @Test func batchAnswersFromAnotherModelWarnOnceAtTheServingModelsPrice() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        options.serveAs = ["gemini-3.1-flash-image": "gemini-nano-banana-2.1"]
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let env = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GENERATE_ASSETS_BATCH_POLL": "0.01"]
        let folder = TemporaryDirectory("batch-served")
        folder.write(
            "assets.yml",
            "version: 1\nprovider: gemini\ndefaults: {model: gemini-3.1-flash-image, image_size: \"1K\"}\nassets:\n"
                + "  - {id: fox, output: Images/fox.png, prompt: \"a fox\"}\n"
                + "  - {id: owl, output: Images/owl.png, prompt: \"an owl\"}\n")
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        stub.completeAllBatches()
        let run = try tool.run(["batch", "wait", "--no-commit", "--json"], in: folder.path, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let warning = "gemini-3.1-flash-image was answered by gemini-nano-banana-2.1"
        #expect(run.stderr.components(separatedBy: warning).count == 2, "once, not per answer: \(run.stderr)")
        let warnings = (run.json?["warnings"] as? [[String: Any]]) ?? []
        #expect(warnings.contains { ($0["message"] as? String)?.hasPrefix(warning) == true })
        // 1K: 1,120 image tokens; Nano Banana 2.1 at $30/M is $0.0336, half of it at the Batch price;
        // 3.1 Flash's $60/M would be $0.0336 at the Batch price.
        let costs = ((run.json?["assets"] as? [[String: Any]]) ?? []).compactMap { $0["batch_cost_usd"] as? Double }
        #expect(costs.count == 2 && costs.allSatisfy { $0 < 0.025 }, "at the serving model's price: \(costs)")
    }
}
