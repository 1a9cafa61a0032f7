import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// `checks:`, `alt:`, `alt_max_chars:` and `alt_text_file:` as read from the manifest.
@Suite struct ImageChecksManifestTests {
    @Test func readsChecksAltAndTheJudgeModel() throws {
        let project = try load(
            "version: 1\nchecks:\n  model: gemini-2.5-flash-lite\nalt_text_file: Site/alt.json\nassets:\n"
                + asset(
                    "a",
                    "    checks:\n      text: \"Fen's Winter\"\n      no_other_text: true\n      expect: [\"Is there one fox?\"]\n      attempts: 3\n    alt: auto\n    alt_max_chars: 90\n"
                ) + asset("b", "    alt: \"A literal description\"\n") + asset("c", "    alt: \"auto\"\n")
        ).get()
        let a = try #require(project.asset("a"))
        #expect(
            a.checks == ImageChecks(text: "Fen's Winter", noOtherText: true, expect: ["Is there one fox?"], attempts: 3)
        )
        #expect(a.judgeModel == "gemini-2.5-flash-lite")
        #expect(a.alt == .auto(maxCharacters: 90))
        #expect(project.asset("b")?.alt == .literal("A literal description"))
        #expect(project.asset("c")?.alt == .literal("auto"), "a quoted \"auto\" is a literal")
        #expect(project.asset("b")?.judgeModel == "gemini-2.5-flash-lite")
        #expect(project.altTextFile == "Site/alt.json")
    }

    @Test func theDefaultJudgeIsPricedInTheTable() throws {
        let project = try load("version: 1\nassets:\n" + asset("a", "    checks: {text: Hi}\n")).get()
        let id = try #require(project.asset("a")).judgeModel
        let model = try #require(JudgeModels.named(id))
        #expect(model.id == ChecksDefaults.defaultModel)
        // A 1024×1024 image is 4 tiles of 258 tokens (gemini-api.md).
        #expect(JudgeModel.imageTokens(PixelSize(width: 1024, height: 1024)) == 1032)
        #expect(JudgeModel.imageTokens(PixelSize(width: 384, height: 384)) == 258)
        #expect(model.estimatedCost(imageSize: PixelSize(width: 1024, height: 1024)) < 0.01)
    }

    @Test func badValuesAreLocatedErrorsWithFixes() {
        let found = errors(
            "version: 1\nchecks:\n  model: gemini-2.5-flashy\n  modle: x\nalt_text_file: Site/alt.txt\nassets:\n"
                + asset("a", "    checks:\n      txt: Hi\n      attempts: 12\n    alt_max_chars: 5\n    alt: auto\n")
                + asset("b", "    checks: {attempts: 2}\n") + asset("c", "    alt: \"x\"\n    alt_max_chars: 50\n"))
        func find(_ key: String) -> Diagnostic? { found.first { $0.key == key } }
        #expect(find("checks.model")?.message == "unknown judge model 'gemini-2.5-flashy'")
        #expect(find("checks.model")?.fix?.contains("gemini-2.5-flash") == true)
        #expect(find("checks.model")?.location?.line == 3)
        #expect(find("checks.modle")?.message == "unknown key 'modle'")
        #expect(find("alt_text_file")?.message.contains("must be a .json file") == true)
        #expect(find("assets[a].checks.txt")?.fix?.contains("text") == true)
        #expect(find("assets[a].checks.attempts")?.message == "attempts must be between 1 and 8, not 12")
        #expect(find("assets[a].checks.attempts")?.location?.line == 12)
        #expect(find("assets[a].alt_max_chars")?.message.contains("between 16 and 1000") == true)
        #expect(find("assets[b].checks")?.message == "checks have attempts but nothing to check")
        #expect(find("assets[c].alt_max_chars")?.message == "alt_max_chars applies only to 'alt: auto'")
    }

    @Test func theAltTextFileMayNotLeaveTheProjectOrBeAnOutput() {
        #expect(
            errors("version: 1\nalt_text_file: ../alt.json\nassets:\n" + asset("a")).first?.key == "alt_text_file")
        let output = errors(
            "version: 1\nalt_text_file: Images/a.json\nassets:\n"
                + "  - id: a\n    output: Images/a.json\n    prompt: x\n")
        #expect(output.contains { $0.key == "alt_text_file" })
    }
}
