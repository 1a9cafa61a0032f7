import AssetSupport
import Foundation
import TestSupport
import Testing

/// Images the tool did not make: adopted with `accept --all`, frozen assets whose files went missing.
@Suite struct HandEditTests {
    let tool = ToolRunner()

    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: cover
            output: Images/cover.png
            prompt: "A cover"
            renditions:
              - {output: Web/cover-32.png, width: 32}
          - {id: back, output: Images/back.png, prompt: "The back", references: [{asset: cover}]}
          - {id: spine, output: Images/spine.png, prompt: "The spine", frozen: true}
        """

    func run(_ arguments: [String], in folder: TemporaryDirectory) throws -> ToolRunner.Result {
        try tool.run(arguments, in: folder.path, environment: ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"])
    }

    /// A project that has its images already (drawn by hand) starts to use the tool: `accept --all` adopts
    /// them, with no call, one commit and a note, and the renditions are made from them.
    @Test func acceptAllAdoptsEveryExistingOutputWithNoCall() throws {
        let folder = TemporaryDirectory("adopt")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest)
        let images = [
            "Images/cover.png": TestImages.png(width: 64, height: 64, seed: 1),
            "Images/back.png": TestImages.png(width: 64, height: 64, seed: 2),
            "Images/spine.png": TestImages.png(width: 16, height: 64, seed: 3),
        ]
        for (path, data) in images { folder.write(path, data) }
        let status = try run(["status", "--json"], in: folder)
        #expect(status.json?["estimated_cost_usd"] as? Double == 0, "nothing to pay: \(status.stdout)")
        #expect(status.reasons("cover").contains { $0.contains("generate-assets accept cover") })

        let accept = try run(["accept", "--all", "--json"], in: folder)
        #expect(accept.status == 0, "\(accept.stdout)\(accept.stderr)")
        let accepted = ((accept.json?["accepted"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(accepted == ["cover", "back", "spine"])
        for (path, data) in images { #expect(folder.read(path) == data, "\(path) is kept byte for byte") }
        #expect(PixelSize.of(try #require(folder.read("Web/cover-32.png"))) == PixelSize(width: 32, height: 32))
        let check = try run(["status", "--check", "--json"], in: folder)
        #expect(check.status == 0, "\(check.stdout)")
        let usage = try run(["usage", "--json"], in: folder)
        #expect(!usage.stdout.contains("\"calls\":1"), "no provider call: \(usage.stdout)")
        let committed = try GitCLI.run(["show", "--name-only", "--format=%s", "HEAD"], in: folder.path)
        #expect(committed.contains("accept 3 assets") && committed.contains("Web/cover-32.png"), "\(committed)")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path)
        #expect(note.contains("accepted by hand"))
        let again = try run(["accept", "--all", "--json"], in: folder)
        #expect(((again.json?["accepted"] as? [Any]) ?? [1]).isEmpty, "nothing left to adopt")
    }

    /// A frozen asset whose inputs changed keeps its image, but a file made from it that is missing is not fresh.
    @Test func aFrozenAssetWithAMissingRenditionFailsTheCheck() throws {
        let folder = TemporaryDirectory("frozen-rendition")
        folder.write(
            "assets.yml",
            Self.manifest.replacingOccurrences(of: "prompt: \"A cover\"", with: "prompt: \"A cover\"\n    frozen: true")
        )
        #expect(try run(["generate", "--no-commit"], in: folder).status == 0)
        folder.write(
            "assets.yml",
            Self.manifest.replacingOccurrences(
                of: "prompt: \"A cover\"", with: "prompt: \"A new cover\"\n    frozen: true"))
        #expect(try run(["status", "--check"], in: folder).status == 0, "frozen: its image is kept")
        try FileManager.default.removeItem(atPath: folder.url("Web/cover-32.png"))
        let check = try run(["status", "--check", "--json"], in: folder)
        #expect(check.status == 1, "\(check.stdout)")
        let cover = ((check.json?["assets"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "cover" }
        #expect(cover?["action"] as? String == "render")
        #expect(try run(["generate", "--no-commit"], in: folder).status == 0)
        #expect(try run(["status", "--check"], in: folder).status == 0, "rendered again from the kept image")
    }
}
