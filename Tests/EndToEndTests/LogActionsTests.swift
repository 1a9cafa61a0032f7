import Foundation
import GeminiStub
import TestSupport
import Testing

/// `log` on a pick commit and on a commit that only made renditions.
@Suite struct LogActionsTests {
    let tool = ToolRunner()

    static func manifest(width: Int, variants: Int) -> String {
        """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A fox"
            variants: \(variants)
            renditions: [{output: Images/fox-small.png, width: \(width)}]

        """
    }

    @Test func aPickIsNotCalledARegeneration() throws {
        let folder = TemporaryDirectory("log-pick")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", "provider: placeholder\n" + Self.manifest(width: 64, variants: 2))
        let env = ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(try tool.run(["generate"], in: folder.path, environment: env).status == 0)
        #expect(try tool.run(["pick", "fox", "2"], in: folder.path, environment: env).status == 0)
        let picked = try tool.run(["log", "fox", "--json"], in: folder.path, environment: env)
        let versions = try #require(picked.json?["versions"] as? [[String: Any]])
        #expect(versions.count == 2)
        #expect(versions.first?["changes"] as? [String] == ["variant 2 picked"], "\(versions.first ?? [:])")
    }

    @Test func aCommitThatOnlyMadeRenditionsCostsNothing() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("log-rendition")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest(width: 64, variants: 1))
        let env = [
            "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1", "GEMINI_BASE_URL": url.absoluteString,
            "GEMINI_API_KEY": "test-key",
        ]
        #expect(try tool.run(["generate", "--yes"], in: folder.path, environment: env).status == 0)
        folder.write("assets.yml", Self.manifest(width: 32, variants: 1))
        #expect(try tool.run(["generate", "--yes"], in: folder.path, environment: env).status == 0)
        #expect(stub.generateRequests.count == 1)
        let log = try tool.run(["log", "Images/fox-small.png"], in: folder.path, environment: env)
        let headers = log.stdout.split(separator: "\n").filter { $0.contains("gemini-3.1-flash-image") }
        #expect(headers.count == 2, "\(log.stdout)")
        #expect(headers.first?.hasSuffix("$0.000") == true, "\(log.stdout)")
        #expect(headers.last?.hasSuffix("$0.000") == false, "the first version paid for its image: \(log.stdout)")
    }
}

extension LogActionsTests {
    /// An `accept` commit holds a hand edit, not a new answer for the same inputs: `log` says so.
    @Test func anAcceptIsNotCalledARegeneration() throws {
        let folder = TemporaryDirectory("log-accept")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", "provider: placeholder\n" + Self.manifest(width: 64, variants: 1))
        let env = ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(try tool.run(["generate"], in: folder.path, environment: env).status == 0)
        folder.write("Images/fox.png", TestImages.png(width: 96, height: 96, seed: 4))
        let accept = try tool.run(["accept", "fox"], in: folder.path, environment: env)
        #expect(accept.status == 0, "\(accept.stderr)")
        let log = try tool.run(["log", "fox", "--json"], in: folder.path, environment: env)
        let versions = try #require(log.json?["versions"] as? [[String: Any]])
        #expect(versions.count == 2)
        #expect(versions.first?["changes"] as? [String] == ["accepted by hand"], "\(versions.first ?? [:])")
    }
}
