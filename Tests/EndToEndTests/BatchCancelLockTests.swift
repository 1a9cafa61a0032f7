import Foundation
import GeminiStub
import TestSupport
import Testing

/// `batch cancel` applies a job that already ended, so it waits for the run holding the project: beside a
/// running `generate` (held at the stub's gate), the job's answers are applied once, by one of them.
@Suite struct BatchCancelLockTests {
    let tool = ToolRunner()
    let key = "batch-cancel-lock-\(UUID().uuidString)"

    func manifest(_ assets: [String]) -> String {
        "version: 1\ndefaults: {model: gemini-3.1-flash-lite-image}\nassets:\n"
            + assets.map { "  - {id: \($0), output: Images/\($0).png, prompt: \"\($0)\"}\n" }.joined()
    }

    @Test func batchCancelBesideARunningGenerateWaitsAndAppliesNothingTwice() throws {
        let gate = StubGate()
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let environment = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GENERATE_ASSETS_BATCH_POLL": "0.01",
        ]
        let folder = TemporaryDirectory("batch-cancel-lock")
        folder.write("assets.yml", manifest(["a", "b"]))
        let submit = try tool.run(
            ["generate", "--provider", "gemini", "--batch", "--yes", "--no-commit"], in: folder.path,
            environment: environment)
        #expect(submit.status == 0, "\(submit.stderr)")
        stub.completeAllBatches()

        // A generate of a third asset holds the project while its call is held at the stub.
        folder.write("assets.yml", manifest(["a", "b", "c"]))
        let running = try LiveRun(
            tool, ["generate", "--provider", "gemini", "--yes", "--no-commit"], in: folder.path,
            environment: environment)
        #expect(gate.waitUntilHeld(1), "the generate's call is under way")
        let cancel = try LiveRun(tool, ["batch", "cancel"], in: folder.path, environment: environment)
        #expect(cancel.waitFor("waiting for another generate-assets run"), "cancel waits for the lock")
        gate.open()
        let generated = running.wait()
        let cancelled = cancel.wait()
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")

        let usage = try tool.run(["usage", "--by", "asset", "--json"], in: folder.path)
        let rows = (usage.json?["rows"] as? [[String: Any]]) ?? []
        let calls = Dictionary(
            rows.compactMap { row in (row["key"] as? String).map { ($0, row["calls"] as? Int ?? -1) } },
            uniquingKeysWith: +)
        #expect(calls == ["a": 1, "b": 1, "c": 1], "each answer applied once: \(usage.stdout)")
        #expect(stub.batches.count == 1 && stub.generateRequests.count == 1)
    }
}
