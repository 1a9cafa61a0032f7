import Foundation
import TestSupport
import Testing

/// A set's `Contents.json` in Xcode's own format, and edits of keys generate-assets does not own (Xcode's
/// "Render As: Template") that keep the set fresh.
@Suite struct CatalogOwnershipTests {
    let tool = ToolRunner()

    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: lantern
            output: Game/Assets.xcassets/Lantern.imageset
            prompt: "A brass lantern"
            appearances:
              dark: {prompt: "A brass lantern at night"}

        """

    /// What the tool writes: byte for byte what Xcode writes for this set (sorted keys, two spaces, " : ").
    static let written = """
        {
          "images" : [
            {
              "filename" : "Lantern.png",
              "idiom" : "universal"
            },
            {
              "appearances" : [
                {
                  "appearance" : "luminosity",
                  "value" : "dark"
                }
              ],
              "filename" : "Lantern-dark.png",
              "idiom" : "universal"
            }
          ],
          "info" : {
            "author" : "generate-assets",
            "version" : 1
          }
        }

        """

    /// The same file after ticking "Render As: Template Image" in Xcode.
    static let template = written.replacingOccurrences(
        of: "    \"version\" : 1\n  }\n}\n",
        with:
            "    \"version\" : 1\n  },\n  \"properties\" : {\n    \"template-rendering-intent\" : \"template\"\n  }\n}\n"
    )

    static let contents = "Game/Assets.xcassets/Lantern.imageset/Contents.json"

    func project() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("ownership")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest)
        return folder
    }

    func run(_ arguments: [String], in folder: TemporaryDirectory) throws -> ToolRunner.Result {
        try tool.run(arguments, in: folder.path, environment: ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"])
    }

    func text(_ folder: TemporaryDirectory, _ path: String) -> String? {
        folder.read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func contentsJSONIsWrittenInXcodesFormat() throws {
        let folder = try project()
        #expect(try run(["generate"], in: folder).status == 0)
        #expect(text(folder, Self.contents) == Self.written)
        #expect(
            text(folder, "Game/Assets.xcassets/Contents.json")
                == "{\n  \"info\" : {\n    \"author\" : \"generate-assets\",\n    \"version\" : 1\n  }\n}\n")
    }

    @Test func anXcodeEditOfAKeyTheToolDoesNotOwnKeepsTheSetFresh() throws {
        let folder = try project()
        #expect(try run(["generate"], in: folder).status == 0)
        folder.write(Self.contents, Self.template)
        try GitCLI.run(["commit", "-q", "-am", "Render As: Template"], in: folder.path)
        let commits = try GitCLI.run(["rev-list", "--count", "HEAD"], in: folder.path)

        let check = try run(["status", "--check"], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try run(["generate"], in: folder).status == 0)
        #expect(text(folder, Self.contents) == Self.template)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: folder.path) == commits)

        // New images for the set: the file is written again, and the designer's key makes no diff.
        folder.write("assets.yml", Self.manifest.replacingOccurrences(of: "A brass lantern\"", with: "A tin lantern\""))
        #expect(try run(["generate"], in: folder).status == 0)
        #expect(text(folder, Self.contents) == Self.template)
        #expect(try GitCLI.run(["diff", "HEAD~1", "--stat", "--", Self.contents], in: folder.path).isEmpty)
    }

    @Test func anEditOfTheToolsOwnEntriesIsStale() throws {
        let folder = try project()
        #expect(try run(["generate"], in: folder).status == 0)
        let withoutDark = Self.template.replacingOccurrences(of: "\"Lantern-dark.png\"", with: "\"Lantern-night.png\"")
        folder.write(Self.contents, withoutDark)
        let check = try run(["status", "--check"], in: folder)
        #expect(check.status == 1, "\(check.stdout)")
        #expect(try run(["generate"], in: folder).status == 0)
        // Its entries are written again; the designer's properties and entry for another file stay.
        let repaired = try #require(text(folder, Self.contents))
        #expect(repaired.contains("\"filename\" : \"Lantern-dark.png\""))
        #expect(repaired.contains("\"template-rendering-intent\" : \"template\""))
    }
}
