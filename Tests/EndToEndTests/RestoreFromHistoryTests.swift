import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A prompt reverted to one used before is restored from git history, on the path `generate` takes
/// (`CommittedImages`), and only with bytes that match what the lock or note recorded for those inputs.
@Suite struct RestoreFromHistoryTests {
    let tool = ToolRunner()
    let canary = "AIzaCANARY-\(UUID().uuidString)"

    static func manifest(_ prompt: String) -> String {
        """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: 1K}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "\(prompt)"}
        """
    }

    /// Killed by removing the byte check (a committed image whose bytes differ from the hash recorded with it
    /// is taken) and by removing the fingerprint check (another prompt's image is taken).
    @Test func aRevertedPromptIsRestoredFromTheCommitWhoseBytesMatch() throws {
        let stub = GeminiStub(options: .init(apiKey: canary))
        let url = try stub.start()
        defer { stub.stop() }
        let project = TemporaryDirectory("restore-history")
        try GitCLI.makeRepository(project)
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": canary, "HOME": project.path]
        func generate(_ extra: [String] = []) throws -> ToolRunner.Result {
            let result = try tool.run(
                ["generate", "--yes", "--json"] + extra, in: project.path, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }

        project.write("assets.yml", Self.manifest("A red fox"))
        _ = try generate()
        let original = try #require(project.read("Images/fox.png"))
        // A later commit changes the image by hand but not the lock: its bytes no longer match the recorded hash.
        var edited = original
        edited.append(contentsOf: Array("touched up".utf8))
        project.write("Images/fox.png", edited)
        try GitCLI.run(["commit", "-q", "-am", "touch up the fox"], in: project.path)
        // Another prompt, another image.
        project.write("assets.yml", Self.manifest("A grey wolf"))
        _ = try generate(["--force"])
        let wolf = try #require(project.read("Images/fox.png"))
        #expect(stub.generateRequests.count == 2)

        // Back to the first prompt, in a checkout whose cache never saw either image.
        try FileManager.default.removeItem(atPath: project.url(".generate-assets"))
        project.write("assets.yml", Self.manifest("A red fox"))
        let restored = try generate()
        #expect(stub.generateRequests.count == 2, "restored from history: no call")
        #expect(restored.states["fox"] != "failed", "\(restored.stdout)")
        let bytes = try #require(project.read("Images/fox.png"))
        #expect(bytes != edited, "the hand-edited commit's bytes do not match its lock, so they are not taken")
        #expect(bytes != wolf, "another prompt's image is not taken")
        #expect(bytes == original, "the image generated for this prompt, from the commit that recorded it")
    }
}
