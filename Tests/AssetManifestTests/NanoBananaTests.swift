import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// Nano Banana 2.1 in the table, 3.1 Flash deprecated in its favour, and the multi-turn column.
@Suite struct NanoBananaTests {
    @Test func nanoBanana21ValidatesAt2KAnd1To8AndIsPriced() throws {
        let project = try load(
            "version: 1\nassets:\n"
                + asset("a", "    config: {model: gemini-nano-banana-2.1, aspect_ratio: \"1:8\", image_size: 2K}\n")
                + asset("b", "    config: {model: gemini-nano-banana-2.1}\n")
        ).get()
        let a = try #require(project.asset("a"))
        #expect(a.pixelSize == PixelSize(width: 768, height: 6144))
        #expect(a.estimatedCost.map { abs($0 - 0.0504) < 1e-9 } == true, "1680 tokens at $30 per million")
        #expect(a.estimatedBatchCost.map { abs($0 - 0.0252) < 1e-9 } == true, "Batch is half")
        let b = try #require(project.asset("b"))
        #expect(b.config.imageSize == "1K" && b.estimatedCost == 0.0336, "about $0.0336 per 1K image")
        #expect(project.warnings.isEmpty, "\(project.warnings)")
        let row = try #require(ModelCatalog.builtIn.model("gemini-nano-banana-2.1"))
        #expect(row.aspectRatios.count == 14 && row.maxReferences == 14 && row.retirement == nil)
        #expect(row.imageTokens["1K"] == 1120 && row.tokenPrices?.imageOutput == 30)
    }

    @Test func nanoBanana21Refuses512WithALocatedError() {
        let text = errors(
            "version: 1\nassets:\n"
                + asset("a", "    config: {model: gemini-nano-banana-2.1, image_size: \"512\"}\n")
        ).map(\.description).joined(separator: "\n")
        #expect(
            text.contains(
                "assets.yml:6:57: error: assets[a].config.image_size: gemini-nano-banana-2.1 does not support image_size '512'\n    fix: use one of 1K, 2K, 4K"
            ), "\(text)")
    }

    @Test func flash31WarnsWhereverItIsUsedAndNamesItsReplacement() throws {
        let project = try load(
            """
            version: 1
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-3.1-flash-image}}
              - {id: b, output: Images/b.png, prompt: x}
              - {id: c, output: Images/c.png, prompt: x, config: {model: gemini-nano-banana-2.1}}
            """
        ).get()
        #expect(project.asset("a")?.modelID == "gemini-3.1-flash-image", "still usable")
        let deprecated = project.warnings.filter { $0.message.contains("deprecated on 2026-10-06") }
        #expect(deprecated.map(\.key) == ["assets[a].config.model", "defaults.model"], "\(project.warnings)")
        #expect(deprecated.map { $0.location?.line } == [3, 4])
        for warning in deprecated {
            #expect(warning.fix == "use gemini-nano-banana-2.1")
            #expect(warning.message.contains("2026-10-29 (not confirmed by Google)"))
        }
        #expect(
            deprecated.last?.message.hasPrefix("the default model, ") == true, "b names no model: it gets the default")
    }

    @Test func theMultiTurnColumnDefaultsSensiblyAndADeclarationSetsIt() throws {
        let models = ModelCatalog.builtIn
        #expect(models.model("gemini-nano-banana-2.1")?.supportsMultiTurn == true)
        #expect(models.model("gemini-3-pro-image")?.supportsMultiTurn == true)
        #expect(models.model("gemini-3.1-flash-lite-image")?.supportsMultiTurn == true, "allowed, with a warning")
        #expect(models.model("gemini-3.1-flash-lite-image")?.multiTurnCaveat == "not tuned for multi-turn edits")
        let project = try load(
            """
            version: 1
            models:
              gemini-4-flash-image: {aspect_ratios: ["1:1"], price_per_image_usd: 0.05, multi_turn: false}
              gemini-4-pro-image: {aspect_ratios: ["1:1"], price_per_image_usd: 0.05}
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-4-flash-image}}
            """
        ).get()
        #expect(project.catalog.model("gemini-4-flash-image")?.supportsMultiTurn == false)
        #expect(
            project.catalog.model("gemini-4-pro-image")?.supportsMultiTurn == true,
            "a declared model: true unless it says")
    }

    @Test func suggestionsNameOnlyModelsThatAreNotRetired() {
        let current = ModelCatalog.builtIn.currentIDs
        #expect(current.contains("gemini-nano-banana-2.1"))
        #expect(!current.contains("gemini-3.1-flash-image") && !current.contains("gemini-2.5-flash-image"))
    }

    @Test func pastShutdownComparesDays() throws {
        let flash = try #require(ModelCatalog.builtIn.model("gemini-3.1-flash-image")?.retirement)
        #expect(!flash.isPastShutdown(today: "2026-10-29") && flash.isPastShutdown(today: "2026-10-30"))
    }
}
