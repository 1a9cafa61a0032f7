import Foundation
import GeminiStub
import TestSupport
import Testing

/// An image lost with the cache is "unrecoverable" (never re-rolled) only when it is committed art. In a git
/// work tree where the asset was never committed, nobody else has it: it is made again, as outside git.
@Suite struct UncommittedLostImageTests {
    let tool = ToolRunner()
    let key = "uncommitted-lost-key"

    func manifest(width: Int) -> String {
        """
        version: 1
        provider: gemini
        defaults: {model: gemini-nano-banana-2.1, image_size: "1K"}
        assets:
          - id: hero
            output: Images/hero.jpg
            prompt: "A hero holding a lantern"
            renditions:
              - {output: Web/hero-small.png, width: \(width)}

        """
    }

    func action(_ result: ToolRunner.Result) -> String? {
        ((result.json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == "hero" })?["action"] as? String
    }

    @Test func aLostImageNeverCommittedIsMadeAgainButACommittedOneIsNot() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let folder = TemporaryDirectory("uncommitted-lost")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", manifest(width: 64))
        let made = try tool.run(["generate", "--yes", "--no-commit"], in: folder.path, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")

        // The JPEG output lost pixels: a new width needs the answer, which went with the cache.
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))
        folder.write("assets.yml", manifest(width: 48))
        let uncommitted = try tool.run(["status", "--json"], in: folder.path, environment: environment)
        #expect(action(uncommitted) == "generate", "never committed: made again. \(uncommitted.stdout)")

        // Once committed, the same loss keeps the art and asks for the fetch instead.
        folder.write("assets.yml", manifest(width: 64))
        try GitCLI.run(["add", "-A"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "art"], in: folder.path)
        folder.write("assets.yml", manifest(width: 48))
        let committed = try tool.run(["status", "--json"], in: folder.path, environment: environment)
        #expect(action(committed) == "unrecoverable", "committed art: \(committed.stdout)")
    }
}
