import Foundation
import GeminiStub
import TestSupport
import Testing

/// `usage` keeps what was spent when the call log is gone: the provenance notes carry every paid answer.
@Suite struct UsageFromNotesTests {
    let tool = ToolRunner()

    func total(_ folder: TemporaryDirectory, _ extra: [String] = []) throws -> (usd: Double, calls: Int) {
        let result = try tool.run(
            ["usage", "--json"] + extra, in: folder.path,
            environment: ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.json?["rows"] as? [[String: Any]] ?? []
        return (result.json?["total_usd"] as? Double ?? -1, rows.compactMap { $0["calls"] as? Int }.reduce(0, +))
    }

    @Test func usageAfterDeletingTheCacheReportsTheSameTotal() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("usage-notes")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", PlaceholderGuardTests.manifest)
        let env = [
            "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1", "GEMINI_BASE_URL": url.absoluteString,
            "GEMINI_API_KEY": "test-key",
        ]
        #expect(try tool.run(["generate", "--yes"], in: folder.path, environment: env).status == 0)
        // A second run, a second commit and note (with the cache present, each answer is counted once).
        folder.write(
            "assets.yml", PlaceholderGuardTests.manifest + "  - {id: bat, output: Images/bat.png, prompt: \"A bat\"}\n")
        #expect(try tool.run(["generate", "--yes"], in: folder.path, environment: env).status == 0)
        #expect(stub.generateRequests.count == 3)

        let before = try total(folder)
        #expect(before.usd > 0 && before.calls == 3, "\(before)")
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))
        let after = try total(folder)
        #expect(abs(after.usd - before.usd) < 1e-9, "\(after) vs \(before)")
        #expect(after.calls == 3)
        let byAsset = try tool.run(
            ["usage", "--by", "asset", "--json"], in: folder.path, environment: ["HOME": folder.path])
        let keys = (byAsset.json?["rows"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(Set(keys) == ["fox", "owl", "bat"])
    }
}
