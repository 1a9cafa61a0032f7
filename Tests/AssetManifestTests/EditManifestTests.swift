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
        // The table's column decides, never the id: a declared model without multi-turn support is refused.
        let declared = manifest(model: "gemini-4-flash-image", "          - \"Warmer.\"").replacingOccurrences(
            of: "version: 1\n",
            with: "version: 1\nmodels:\n  gemini-4-flash-image: {aspect_ratios: [\"1:1\"], multi_turn: false}\n")
        let refusal = errors(declared).first { $0.message.contains("does not support multi-turn edits") }
        #expect(refusal?.key == "assets[chart].edits")
        let suggested = ModelCatalog.models.filter { $0.supportsMultiTurn && $0.multiTurnCaveat == nil }.map(\.id)
        #expect(suggested.contains { refusal?.fix?.contains($0) == true }, "\(refusal?.fix ?? "")")
        let lite = try load(manifest(model: "gemini-3.1-flash-lite-image", "          - \"Warmer.\"")).get()
        #expect(lite.warnings.contains { $0.message.contains("not tuned for multi-turn edits") })
        #expect(ModelCatalog.models.first { $0.id == "gemini-3.1-flash-lite-image" }?.multiTurnCaveat != nil)
    }
}
