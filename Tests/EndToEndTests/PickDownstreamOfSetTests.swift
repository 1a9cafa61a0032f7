import Foundation
import TestSupport
import Testing

/// `pick` on an asset that uses a catalog set as a reference (the set's output is a folder).
@Suite struct PickDownstreamOfSetTests {
    let tool = ToolRunner()

    @Test func pickWorksDownstreamOfACatalogSet() throws {
        let folder = TemporaryDirectory("pick-set")
        try GitCLI.makeRepository(folder)
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - id: lantern
                output: Game/Assets.xcassets/Lantern.imageset
                prompt: "A brass lantern"
                appearances:
                  dark: {prompt: "A brass lantern at night"}
              - id: poster
                output: Images/poster.png
                prompt: "A poster with the lantern"
                references: [{asset: lantern}]
                variants: 2

            """)
        let env = ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(try tool.run(["generate"], in: folder.path, environment: env).status == 0)
        let first = folder.read("Images/poster.png")
        let set = folder.read("Game/Assets.xcassets/Lantern.imageset/Lantern.png")
        let picked = try tool.run(["pick", "poster", "2"], in: folder.path, environment: env)
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(!picked.stderr.contains("Is a directory"))
        #expect(folder.read("Images/poster.png") != first)
        #expect(folder.read("Game/Assets.xcassets/Lantern.imageset/Lantern.png") == set)
        #expect(
            try GitCLI.run(["log", "-1", "--format=%s"], in: folder.path)
                == "generate-assets: pick variant 2 of poster\n")
    }
}
