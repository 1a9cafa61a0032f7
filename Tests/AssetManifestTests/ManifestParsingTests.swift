import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct ManifestParsingTests {
    static let issueExample = """
        version: 1
        defaults:
          model: gemini-3.1-flash-image
          aspect_ratio: "1:1"
          image_size: 1K
        styles:
          watercolor: "Soft watercolor, pastel palette, children's book illustration."
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A red fox sleeping in fresh snow."
            style: watercolor
            references:
              - Art/sketch.png
              - asset: logo
            config:
              aspect_ratio: "16:9"
              image_size: 2K
              seed: 7
              temperature: 0.4
              thinking_level: high
              system_instruction: "You draw for a picture book."
              google_search: true
          - id: logo
            output: Images/logo.png
            prompt: "A logo"
        """

    @Test func readsTheDocumentedExample() throws {
        let project = try load(Self.issueExample).get()
        #expect(project.assets.map(\.id) == ["logo", "fox"], "upstream first")
        let fox = try #require(project.asset("fox"))
        #expect(
            fox.prompt
                == "A red fox sleeping in fresh snow.\n\nSoft watercolor, pastel palette, children's book illustration."
        )
        #expect(fox.config.aspectRatio == "16:9")
        #expect(fox.config.imageSize == "2K")
        #expect(fox.config.seed == 7)
        #expect(fox.config.temperature == 0.4)
        #expect(fox.config.thinkingLevel == "high")
        #expect(fox.config.systemInstruction == "You draw for a picture book.")
        #expect(fox.config.googleSearch == true)
        #expect(fox.references == [.file(path: "Art/sketch.png", format: .png), .asset(id: "logo")])
        #expect(fox.pixelSize == PixelSize(width: 2752, height: 1536))
        let logo = try #require(project.asset("logo"))
        #expect(logo.config.aspectRatio == "1:1" && logo.config.imageSize == "1K")
        #expect(logo.pixelSize == PixelSize(width: 1024, height: 1024))
    }

    @Test func unknownKeySuggestsTheRightOneWithLineAndColumn() {
        let found = errors("version: 1\ndefaults:\n  aspect: \"1:1\"\nassets:\n" + asset("a"))
        #expect(found.count == 1)
        #expect(found[0].location == SourceLocation(file: "assets.yml", line: 3, column: 3))
        #expect(found[0].key == "defaults.aspect")
        #expect(found[0].fix == "did you mean 'aspect_ratio'?")
    }

    @Test func brokenYAMLIsLocated() {
        let found = errors("version: 1\nassets:\n  - id: a\n    prompt: \"unterminated\n")
        #expect(found.count == 1)
        #expect(found[0].message.hasPrefix("invalid YAML"))
        #expect((found[0].location?.line ?? 0) >= 4)
    }

    @Test func duplicateYAMLKeysAreErrors() {
        let found = errors("version: 1\nversion: 1\nassets:\n" + asset("a"))
        #expect(found.first?.message.contains("duplicate key 'version'") == true)
    }

    @Test func wrongTypesNameTheKey() {
        let found = errors(
            "version: 1\nassets:\n"
                + asset("a", "    config:\n      seed: seven\n      google_search: maybe\n      temperature: 3\n"))
        #expect(
            Set(found.compactMap(\.key)) == [
                "assets[a].config.seed", "assets[a].config.google_search", "assets[a].config.temperature",
            ])
    }

    @Test func collectsEveryErrorAtOnce() {
        let yaml =
            "version: 1\nassets:\n" + asset("a", "    style: nope\n") + asset("a")
            + "  - id: b\n    output: ../b.png\n    prompt: x\n"
        let found = errors(yaml)
        #expect(found.count == 4, "\(found)")
        #expect(found.map(\.location!.line) == found.map(\.location!.line).sorted(), "sorted by line")
    }

    @Test func missingRequiredKeysAndVersion() {
        let found = errors("assets:\n  - id: a\n")
        #expect(Set(found.compactMap(\.key)) == ["version", "assets[a].output", "assets[a].prompt"])
    }

    @Test func unsupportedVersionAndNonUTF8() {
        #expect(errors("version: 2\nassets:\n" + asset("a")).first?.fix?.contains("version: 1") == true)
        let folder = TemporaryDirectory()
        folder.write(
            "assets.yml",
            Data("version: 1\nassets:\n  - id: a\n    prompt: \"caf".utf8) + Data([0xC3, 0x28]) + Data("\"\n".utf8))
        let result = Result { try ManifestLoader.load(manifestAt: folder.url("assets.yml")) }
        guard case .failure(let error as DiagnosticsError) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(error.diagnostics[0].message.contains("not valid UTF-8"))
        #expect(error.diagnostics[0].location?.line == 4)
    }

    @Test func aliasBombIsBounded() {
        var yaml = "version: 1\nstyles:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 0..<9 {
            let name = "l\(level)"
            yaml +=
                "  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        yaml += "assets:\n" + asset("a", "    style: *\(previous)\n")
        let found = errors(yaml)
        #expect(!found.isEmpty)
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let yaml =
            "version: 1\nassets: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(!errors(yaml).isEmpty)
    }

    @Test func mergeKeysApply() throws {
        let yaml =
            "version: 1\nassets:\n  - id: a\n    output: Images/a.png\n    prompt: x\n    config: &wide\n      aspect_ratio: \"16:9\"\n  - id: b\n    output: Images/b.png\n    prompt: y\n    config:\n      <<: *wide\n      seed: 3\n"
        let project = try load(yaml).get()
        #expect(project.asset("b")?.config.aspectRatio == "16:9")
        #expect(project.asset("b")?.config.seed == 3)
    }

    @Test func apiKeyInTheManifestIsRefused() {
        let found = errors("version: 1\napi:\n  key: AIzaSECRET\nassets:\n" + asset("a"))
        #expect(found.first?.message.contains("must not be written in the manifest") == true)
        #expect(!found.description.contains("AIzaSECRET"))
    }
}
