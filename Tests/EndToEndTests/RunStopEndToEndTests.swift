import Foundation
import GeminiStub
import TestSupport
import Testing

/// The built tool against the stub: a run that every call would fail stops at the first answer saying so.
@Suite struct RunStopEndToEndTests {
    let tool = ToolRunner()

    /// With `--jobs 4`, a free `models.get` before the first paid call meets the wrong key: one request, none paid.
    @Test func aWrongKeyMakesOneFreeRequestAtTheStubWithFourJobs() throws {
        let stub = GeminiStub(options: .init(apiKey: "the-right-key-\(UUID().uuidString)"))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("wrong-key")
        var manifest = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"1K\"}\nassets:\n"
        for index in 1...12 {
            manifest += "  - {id: a\(index), output: Images/a\(index).png, prompt: \"number \(index)\"}\n"
        }
        folder.write("assets.yml", manifest)
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--jobs", "4", "--no-commit", "--json"], in: folder.path,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": "wrong-key-\(UUID().uuidString)",
                "GEMINI_RETRY_BASE_DELAY": "0.01",
            ])
        #expect(run.status != 0)
        #expect(stub.requests.count == 1, "one rejected request, not one per asset: \(stub.requests.map(\.path))")
        #expect(stub.requests.first?.method == "GET", "the free models.get")
        #expect(stub.requests.first?.path.hasSuffix("/models/gemini-3.1-flash-image") == true)
        #expect(stub.generateRequests.isEmpty, "no paid call")
        let assets = (run.json?["assets"] as? [[String: Any]]) ?? []
        let messages = assets.compactMap { ($0["error"] as? [String: Any])?["message"] as? String }
        #expect(messages.count == 12, "\(run.stdout)")
        #expect(messages.filter { $0.hasPrefix("not started") && $0.contains("not valid") }.count == 12)
    }

    /// A 429 whose `QuotaFailure` names a per-day quota is not retried, and no call starts after it.
    @Test func aDailyQuotaAnswerStopsTheRunAfterThatCall() throws {
        let key = "the-key-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.dailyQuota)
        let folder = TemporaryDirectory("daily-quota")
        var manifest = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n"
        for index in 1...4 {
            manifest += "  - {id: a\(index), output: Images/a\(index).png, prompt: \"number \(index)\"}\n"
        }
        folder.write("assets.yml", manifest)
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--jobs", "1", "--no-commit", "--json"], in: folder.path,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            ])
        #expect(run.status != 0)
        #expect(stub.generateRequests.map(\.status) == [429], "one refused call, not retried, none after it")
        let messages = ((run.json?["assets"] as? [[String: Any]]) ?? []).compactMap {
            ($0["error"] as? [String: Any])?["message"] as? String
        }
        #expect(messages.count == 4, "\(run.stdout)")
        #expect(messages.filter { $0.contains("daily quota is used up") }.count == 4, "\(messages)")
        #expect(messages.filter { $0.hasPrefix("not started") }.count == 3, "\(messages)")
    }
}
