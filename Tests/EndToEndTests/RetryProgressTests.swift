import Foundation
import GeminiStub
import TestSupport
import Testing

/// Retries are not silent: each is a line saying which asset, why, which attempt and how long until it.
@Suite struct RetryProgressTests {
    let tool = ToolRunner()
    let key = "AIzaRETRY-\(UUID().uuidString)"

    @Test func aRetryAfter503IsALineWithoutATerminal() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.status(503))
        let folder = TemporaryDirectory("retry-line")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: fox, output: Images/fox.png, prompt: "A fox"}

            """)
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--no-commit"], in: folder.path,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(stub.generateRequests.map(\.status) == [503, 200])
        let retries = run.stderr.split(separator: "\n").filter { $0.hasPrefix("note: retrying fox: HTTP 503") }
        #expect(retries.count == 1, "[\(run.stderr)]")
        #expect(retries.first?.contains("(attempt 2 of 5 in ") == true)
    }
}
