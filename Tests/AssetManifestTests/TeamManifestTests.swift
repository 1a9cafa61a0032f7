import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import AssetManifest

/// Mistakes a team hits in `assets.yml`: a byte order mark, tabs, an unquoted colour, a misspelt model.
@Suite struct TeamManifestTests {
    @Test func byteOrderMarkIsIgnored() throws {
        let folder = TemporaryDirectory()
        folder.write("Art/sketch.png", TestImages.png(seed: 1))
        let yaml = "version: 1\nassets:\n" + asset("fox")
        folder.write("assets.yml", Data([0xEF, 0xBB, 0xBF]) + Data(yaml.utf8))
        let project = try ManifestLoader.load(manifestAt: folder.url("assets.yml"))
        #expect(project.assets.map(\.id) == ["fox"])
    }

    @Test func tabInIndentationGetsAFixAboutTabs() throws {
        let found = errors("version: 1\nassets:\n  - id: fox\n\toutput: Images/fox.png\n    prompt: \"A fox\"\n")
        let error = try #require(found.first)
        let fix = try #require(error.fix)
        #expect(fix.contains("line 4 is indented with a tab"), "\(error)")
        #expect(!fix.contains("quot"), "\(fix)")
    }

    @Test func unquotedColourInAFlowMapGetsAHintToQuoteIt() throws {
        let yaml = """
            version: 1
            assets:
              - id: logo
                output: Images/logo.png
                prompt: "A fox logo on green"
                renditions:
                  - {output: Images/logo-clear.png, remove_background: #00FF00}
                  - {output: Images/logo-small.png, width: 64}

            """
        let error = try #require(errors(yaml).first)
        let fix = try #require(error.fix)
        #expect(fix.contains("quote the colour on line 7"), "\(error)")
        #expect(fix.contains("\"#00FF00\""), "\(fix)")
    }

    @Test func quotedColourAndCommentsAreNotFlagged() {
        #expect(
            YAMLErrorHints.unquotedColour(in: Substring("  - {output: a.png, remove_background: \"#00FF00\"}")) == nil)
        #expect(YAMLErrorHints.unquotedColour(in: Substring("  key: value  # {a comment} #FFF")) == nil)
        #expect(YAMLErrorHints.unquotedColour(in: Substring("  - {remove_background: #00ff00}")) == "#00ff00")
    }

    @Test func unknownModelSuggestsTheClosest() throws {
        let yaml = "version: 1\ndefaults: {model: gemini-3-pro-imag}\nassets:\n" + asset("fox")
        let project = try load(yaml).get()
        let warning = try #require(project.warnings.first { $0.message.contains("unknown model") })
        #expect(warning.fix?.hasPrefix("did you mean 'gemini-3-pro-image'?") == true, "\(warning)")
        let far = try load("version: 1\ndefaults: {model: dall-e-9}\nassets:\n" + asset("fox")).get()
        let farWarning = try #require(far.warnings.first { $0.message.contains("unknown model") })
        #expect(farWarning.fix?.contains("did you mean") == false, "\(farWarning)")
    }
}
