import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// The built-in models of late 2026: Flash-Lite, 2.5 Flash past its shutdown date, and every row's prices.
@Suite struct ModelLineupTests {
    let lite = ModelCatalog.builtIn.model("gemini-3.1-flash-lite-image")

    @Test func flashLiteTakesThe14RatiosOf31FlashAt1KOnly() throws {
        let lite = try #require(lite)
        let flash = try #require(ModelCatalog.builtIn.model("gemini-3.1-flash-image"))
        #expect(lite.aspectRatios.count == 14 && Set(lite.aspectRatios) == Set(flash.aspectRatios))
        #expect(lite.imageSizes == ["1K"] && lite.defaultImageSize == "1K")
        for ratio in flash.aspectRatios {
            #expect(
                lite.pixelSize(aspectRatio: ratio, imageSize: "1K")
                    == flash.pixelSize(aspectRatio: ratio, imageSize: "1K"), "\(ratio)")
            #expect(lite.pixelSize(aspectRatio: ratio, imageSize: "1K") != nil)
        }
        #expect(lite.thinkingLevels == ["minimal", "high"] && lite.maxReferences == 14)
        #expect(lite.imageTokens["1K"] == 1120)
        #expect(lite.imagePrice(imageSize: "1K") == 0.0336 && lite.batchImagePrice(imageSize: "1K") == 0.0168)
    }

    @Test func flashLiteValidatesAndIsPriced() throws {
        let references =
            "    references: [" + Array(repeating: "Art/sketch.png", count: 14).joined(separator: ", ") + "]\n"
        let project = try load(
            "version: 1\nassets:\n"
                + asset(
                    "a",
                    "    config: {model: gemini-3.1-flash-lite-image, aspect_ratio: \"1:8\", thinking_level: high}\n"
                        + references)
        ).get()
        let a = try #require(project.asset("a"))
        #expect(a.config.imageSize == "1K", "its only size is the default")
        #expect(a.pixelSize == PixelSize(width: 384, height: 3072))
        #expect(a.estimatedCost == 0.0336)
        #expect(project.warnings.isEmpty, "\(project.warnings)")
    }

    @Test func flashLiteRejectsOtherSizesLevelsSearchAndA15thReference() {
        let references =
            "    references: [" + Array(repeating: "Art/sketch.png", count: 15).joined(separator: ", ") + "]\n"
        let text = errors(
            """
            version: 1
            defaults: {model: gemini-3.1-flash-lite-image}
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {image_size: 2K}}
              - {id: b, output: Images/b.png, prompt: x, config: {image_size: "512"}}
              - {id: c, output: Images/c.png, prompt: x, config: {thinking_level: medium}}
              - {id: d, output: Images/d.png, prompt: x, config: {image_search: true}}
            """ + "\n" + asset("e", references)
        ).map(\.description).joined(separator: "\n")
        #expect(
            text.contains(
                "assets.yml:4:67: error: assets[a].config.image_size: gemini-3.1-flash-lite-image does not support image_size '2K'\n    fix: use one of 1K"
            ))
        #expect(text.contains("does not support image_size '512'"))
        #expect(text.contains("does not support thinking_level 'medium'\n    fix: use one of minimal, high"))
        #expect(text.contains("gemini-3.1-flash-lite-image has no image search"))
        #expect(text.contains("15 references; gemini-3.1-flash-lite-image takes at most 14"))
    }

    @Test func everyRowHasAListAndBatchPriceForEachSize() {
        for model in ModelCatalog.models {
            for size in model.imageSizes.isEmpty ? [nil] : model.imageSizes.map(Optional.some) {
                let list = model.imagePrice(imageSize: size)
                let batch = model.batchImagePrice(imageSize: size)
                #expect(list != nil && list! > 0, "\(model.id) \(size ?? "-")")
                #expect(batch == list.map { $0 / 2 }, "\(model.id) \(size ?? "-"): Batch is half price")
            }
        }
        let flash = ModelCatalog.builtIn.model("gemini-3.1-flash-image")
        #expect(["512", "1K", "2K", "4K"].map { flash?.imagePrice(imageSize: $0) } == [0.045, 0.067, 0.101, 0.151])
    }

    @Test func flash25WarnsAtEveryPlaceItIsNamedAndNamesItsSuccessors() throws {
        let project = try load(
            """
            version: 1
            defaults:
              model: gemini-2.5-flash-image
            assets:
              - {id: a, output: Images/a.png, prompt: x}
              - {id: b, output: Images/b.png, prompt: x}
              - {id: c, output: Images/c.png, prompt: x, config: {model: gemini-2.5-flash-image}}
              - {id: d, output: Images/d.png, prompt: x, config: {model: gemini-3.1-flash-image}}
            """
        ).get()
        #expect(project.asset("a")?.modelID == "gemini-2.5-flash-image", "still usable")
        #expect(project.asset("a")?.estimatedCost == 0.039)
        let shutdown = project.warnings.filter { $0.message.contains("past its shutdown date (2026-10-02)") }
        #expect(
            shutdown.map(\.key) == ["defaults.model", "assets[c].config.model"],
            "one for defaults (shared by a and b), one for c's own line")
        #expect(shutdown.map { $0.location?.line } == [3, 7])
        #expect(shutdown.map { $0.location?.column } == [10, 62])
        for warning in shutdown {
            #expect(warning.fix == "use gemini-nano-banana-2.1 or gemini-3.1-flash-lite-image")
            #expect(warning.description.hasPrefix("assets.yml:"))
        }
    }

    @Test func flash25TakesMoreThanThreeReferencesWithAWarning() throws {
        let four = "    references: [Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/photo.jpg]\n"
        let project = try load(
            "version: 1\nassets:\n" + asset("a", "    config: {model: gemini-2.5-flash-image}\n" + four)
        ).get()
        #expect(project.asset("a")?.references.count == 4)
        let warning = try #require(project.warnings.first { $0.key == "assets[a].references" })
        #expect(warning.severity == .warning)
        #expect(warning.message == "4 references; gemini-2.5-flash-image works best with up to 3")
        #expect(warning.location?.line == 7)
        #expect(warning.fix?.contains("gemini-3.1-flash-lite-image") == true)
    }
}
