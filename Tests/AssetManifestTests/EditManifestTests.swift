import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// `edits:` as written: strings or {prompt, references, config}, checked against the model's multi-turn column.
@Suite struct EditManifestTests {
    func manifest(model: String = "gemini-3-pro-image", _ edits: String) -> String {
        """
        version: 1
        assets:
          - id: chart
            output: Images/chart.png
            prompt: "An infographic of photosynthesis as a recipe"
            config: {model: \(model), aspect_ratio: "1:1"}
            edits:
        \(edits)
        """
    }

    @Test func stringsAndMappingsResolveWithEachTurnsConfig() throws {
        let yaml = manifest(
            """
                  - "Translate it into Spanish; change nothing else."
                  - prompt: "Make the title twice as large."
                    references: [Art/sketch.png]
                    config: {aspect_ratio: "16:9", image_size: "2K"}
            """)
        let project = try load(yaml).get()
        let edits = try #require(project.assets.first?.edits)
        #expect(
            edits.map(\.prompt) == [
                "Translate it into Spanish; change nothing else.", "Make the title twice as large.",
            ])
        #expect(edits[0].config.aspectRatio == "1:1", "a turn without config keeps the asset's")
        #expect(edits[1].config.aspectRatio == "16:9" && edits[1].config.imageSize == "2K")
        #expect(edits[1].config.model == "gemini-3-pro-image")
        #expect(edits[1].references == [.file(path: "Art/sketch.png", format: .png)])
        #expect(project.warnings.isEmpty)
    }

    @Test func aTurnThatChangesTheModelIsALocatedError() {
        let found = errors(
            manifest(
                """
                      - prompt: "Warmer light."
                        config: {model: gemini-3.1-flash-image}
                """))
        let error = found.first { $0.message.contains("cannot change the model") }
        #expect(error?.key == "assets[chart].edits[0].config.model")
        #expect(error?.location?.line == 9)
        #expect(error?.fix?.contains("thought signatures") == true)
    }

    @Test func emptyEditsUnknownKeysAndOtherConfigAreLocatedErrors() {
        let found = errors(
            manifest(
                """
                      - ""
                      - {prompt: "Warmer.", mask: x.png}
                      - {prompt: "Cooler.", config: {seed: 3}}
                      - {references: [Art/sketch.png]}
                """))
        #expect(found.contains { $0.message == "edit 1 is empty" && $0.key == "assets[chart].edits[0]" })
        #expect(found.contains { $0.message.contains("mask") && $0.key?.hasPrefix("assets[chart].edits[1]") == true })
        #expect(found.contains { $0.message.contains("'seed' cannot change") && $0.location?.line == 10 })
        #expect(found.contains { $0.message == "edit 4 has no 'prompt'" })
    }

    @Test func aModelWithoutMultiTurnSupportIsRefusedAndFlashLiteWarned() throws {
        let old = errors(manifest(model: "gemini-2.5-flash-image", "          - \"Warmer.\""))
        let refusal = old.first { $0.message.contains("does not support multi-turn edits") }
        #expect(refusal?.key == "assets[chart].edits")
        #expect(refusal?.fix?.contains("gemini-3-pro-image") == true)
        let lite = try load(manifest(model: "gemini-3.1-flash-lite-image", "          - \"Warmer.\"")).get()
        #expect(lite.warnings.contains { $0.message.contains("not tuned for multi-turn edits") })
        #expect(ModelCatalog.models.filter(\.supportsMultiTurn).map(\.id).allSatisfy { $0.hasPrefix("gemini-3") })
    }
}
