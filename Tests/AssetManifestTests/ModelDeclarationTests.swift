import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// The `models:` block: declared models are validated and priced like built-in ones; the block itself
/// is checked with located errors.
@Suite struct ModelDeclarationTests {
    static let block = """
        version: 1
        models:
          gemini-4-flash-image:
            aspect_ratios: ["1:1", "16:9"]
            image_sizes: ["1K", "2K"]
            max_references: 14
            price_per_image_usd: {1K: 0.05, 2K: 0.08}
        assets:

        """

    func messages(_ yaml: String) -> String {
        errors(yaml).map(\.description).joined(separator: "\n")
    }

    @Test func aDeclaredModelValidatesAndIsPriced() throws {
        let project = try load(
            Self.block
                + asset("hero", "    config: {model: gemini-4-flash-image, aspect_ratio: \"16:9\", image_size: 2K}\n")
                + asset("icon", "    config: {model: gemini-4-flash-image}\n")
        ).get()
        let hero = try #require(project.asset("hero"))
        #expect(hero.model?.id == "gemini-4-flash-image")
        #expect(hero.estimatedCost == 0.08)
        #expect(hero.model?.batchImagePrice(imageSize: "2K") == 0.04, "Batch is half unless declared")
        #expect(hero.model?.declaredAt?.line == 3)
        #expect(hero.pixelSize == nil, "no pixel table: placeholders fall back to the ratio's 1K size")
        let icon = try #require(project.asset("icon"))
        #expect(icon.config.imageSize == "1K" && icon.config.aspectRatio == "1:1", "defaults like a built-in model")
        #expect(icon.estimatedCost == 0.05)
        #expect(project.warnings.isEmpty, "a declared model is not unknown: \(project.warnings)")
        #expect(project.catalog.model("gemini-4-flash-image") != nil)
        #expect(
            project.catalog.model("gemini-3-pro-image") == ModelCatalog.builtIn.model("gemini-3-pro-image"),
            "built-ins untouched")
    }

    @Test func aDeclaredModelIsCheckedLikeABuiltInOne() {
        let fifteen =
            "    references: [" + Array(repeating: "Art/sketch.png", count: 15).joined(separator: ", ") + "]\n"
        let text = messages(
            Self.block + """
                  - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-4-flash-image, aspect_ratio: "4:3"}}
                  - {id: b, output: Images/b.png, prompt: x, config: {model: gemini-4-flash-image, image_size: 4K}}
                  - {id: c, output: Images/c.png, prompt: x, config: {model: gemini-4-flash-image, thinking_level: high}}

                """ + asset("d", "    config: {model: gemini-4-flash-image}\n" + fifteen))
        #expect(
            text.contains(
                """
                assets.yml:9:98: error: assets[a].config.aspect_ratio: gemini-4-flash-image does not support aspect ratio '4:3'
                    fix: use one of 1:1, 16:9 (see 'models:' on line 3)
                """), "\(text)")
        #expect(
            text.contains(
                "gemini-4-flash-image does not support image_size '4K'\n    fix: use one of 1K, 2K (see 'models:' on line 3)"
            ))
        #expect(text.contains("gemini-4-flash-image does not think; its thinking level cannot be set"))
        #expect(text.contains("15 references; gemini-4-flash-image takes at most 14"))
    }

    @Test func oneNumberPricesEverySizeAndOptionalKeysApply() throws {
        let project = try load(
            """
            version: 1
            models:
              gemini-4-flash-image:
                aspect_ratios: "1:1"
                image_sizes: [1K, 4K]
                thinking_levels: [minimal, HIGH]
                price_per_image_usd: 0.06
                batch_price_per_image_usd: {4K: 0.02}
              house-model:
                aspect_ratios: ["1:1", "3:2"]
                price_per_image_usd: 0.01
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-4-flash-image, image_size: 4K, thinking_level: high}}
              - {id: b, output: Images/b.png, prompt: x, config: {model: house-model, aspect_ratio: "3:2"}, references: [Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png]}
            """
        ).get()
        let a = try #require(project.asset("a")?.model)
        #expect(a.imagePrice(imageSize: "1K") == 0.06 && a.imagePrice(imageSize: "4K") == 0.06)
        #expect(a.batchImagePrice(imageSize: "1K") == 0.03 && a.batchImagePrice(imageSize: "4K") == 0.02)
        #expect(a.thinkingLevels == ["minimal", "high"])
        let b = try #require(project.asset("b"))
        #expect(b.config.imageSize == nil && b.estimatedCost == 0.01, "a model without sizes has one price")
        #expect(b.references.count == 16, "without max_references the count is not checked")
    }

    @Test func aDeclarationOverridesABuiltInKeepingWhatItDoesNotGive() throws {
        let project = try load(
            """
            version: 1
            models:
              gemini-3-pro-image:
                price_per_image_usd: {4K: 0.30}
              gemini-2.5-flash-image:
                max_references: 3
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-3-pro-image, image_size: 4K, aspect_ratio: "3:4"}}
              - {id: b, output: Images/b.png, prompt: x, config: {model: gemini-3-pro-image}}
            """
        ).get()
        let builtIn = try #require(ModelCatalog.builtIn.model("gemini-3-pro-image"))
        let a = try #require(project.asset("a"))
        #expect(a.estimatedCost == 0.30)
        #expect(a.model?.batchImagePrice(imageSize: "4K") == 0.15)
        #expect(project.asset("b")?.estimatedCost == 0.134, "sizes not priced keep the built-in price")
        #expect(a.model?.aspectRatios == builtIn.aspectRatios && a.model?.imageSizes == builtIn.imageSizes)
        #expect(a.pixelSize == PixelSize(width: 3584, height: 4800), "the built-in pixel table stays")
        #expect(a.model?.tokenPrices == nil && builtIn.tokenPrices != nil, "a declared price is what a call costs")
        let flash25 = try #require(project.catalog.model("gemini-2.5-flash-image"))
        #expect(
            !flash25.referenceLimitIsAdvice && flash25.shutdownDate == "2026-10-02",
            "a declared limit is a limit; the shutdown date stays")
        let four = "    references: [Art/sketch.png, Art/sketch.png, Art/sketch.png, Art/sketch.png]\n"
        let text = messages(
            "version: 1\nmodels:\n  gemini-2.5-flash-image: {max_references: 3}\nassets:\n"
                + asset("c", "    config: {model: gemini-2.5-flash-image}\n" + four))
        #expect(text.contains("4 references; gemini-2.5-flash-image takes at most 3"))
    }

    @Test func anUndeclaredUnknownModelStillOnlyWarns() throws {
        let project = try load(
            Self.block + asset("a", "    config: {model: gemini-5-image, aspect_ratio: \"7:3\", image_size: 9K}\n")
        ).get()
        #expect(project.asset("a")?.model == nil && project.asset("a")?.estimatedCost == nil)
        let warning = try #require(project.warnings.first)
        #expect(warning.message.contains("unknown model 'gemini-5-image'"))
        #expect(warning.fix?.contains("declare it under 'models:'") == true)
    }

    @Test func aDeclaredModelWithoutAPriceHasAnUnknownCostAndAWarning() throws {
        let project = try load(
            "version: 1\nmodels:\n  gemini-4-flash-image: {aspect_ratios: [\"1:1\"]}\nassets:\n"
                + asset("a", "    config: {model: gemini-4-flash-image}\n")
        ).get()
        #expect(project.asset("a")?.model != nil && project.asset("a")?.estimatedCost == nil)
        #expect(
            project.warnings.map(\.description) == [
                """
                assets.yml:3:3: warning: models.gemini-4-flash-image.price_per_image_usd: model 'gemini-4-flash-image' has no price: the cost of its images is unknown and --max-cost cannot cover them
                    fix: add 'price_per_image_usd:' with one number, or one per image size
                """
            ])
    }

    @Test func theBlockItselfIsCheckedWithLocatedErrors() {
        let text = messages(
            """
            version: 1
            models:
              gemini-4-flash-image:
                aspect_ratio: ["1:1"]
                image_sizes: [1K, 2k, 1K, huge]
                max_references: -1
                price_per_image_usd: {1K: -0.05, 3K: 0.1}
                thinking_levels: [maximal]
              gemini-4-pro-image:
                aspect_ratios: ["16/9", "1:1", "1:1"]
                price_per_image_usd: [0.1]
              no-sizes-image:
                aspect_ratios: ["1:1"]
                price_per_image_usd: {1K: 0.1}
              priced-in-part:
                aspect_ratios: ["1:1"]
                image_sizes: [1K, 2K]
                price_per_image_usd: {1K: 0.1}
              wrong-batch-size:
                aspect_ratios: ["1:1"]
                image_sizes: [1K, 2K]
                price_per_image_usd: 0.1
                batch_price_per_image_usd: {8K: 0.1}
              "models/gemini x": {aspect_ratios: ["1:1"]}
              gemini-4-lite-image: []
              gemini-4-mini-image: {max_references: many, aspect_ratios: {a: 1}, image_sizes: []}
            assets:
              - {id: a, output: Images/a.png, prompt: x}
            """)
        let expected = [
            "assets.yml:4:5: error: models.gemini-4-flash-image.aspect_ratio: unknown key 'aspect_ratio'\n    fix: did you mean 'aspect_ratios'?",
            "assets.yml:5:23: error: models.gemini-4-flash-image.image_sizes[1]: image size '2k' needs an upper-case K\n    fix: write '2K'; the API rejects '2k'",
            "assets.yml:5:27: error: models.gemini-4-flash-image.image_sizes[2]: '1K' is listed twice",
            "assets.yml:5:31: error: models.gemini-4-flash-image.image_sizes[3]: 'huge' is not an image size",
            "assets.yml:6:21: error: models.gemini-4-flash-image.max_references: max_references cannot be negative (-1)",
            "assets.yml:7:31: error: models.gemini-4-flash-image.price_per_image_usd.1K: a price cannot be negative (-0.05)\n    fix: write the USD price of one image, e.g. 0.04",
            "assets.yml:8:23: error: models.gemini-4-flash-image.thinking_levels[0]: unknown thinking level 'maximal'\n    fix: did you mean 'minimal'?",
            "assets.yml:10:21: error: models.gemini-4-pro-image.aspect_ratios[0]: '16/9' is not an aspect ratio\n    fix: write ratios as \"W:H\" in quotes, e.g. \"16:9\"",
            "assets.yml:10:36: error: models.gemini-4-pro-image.aspect_ratios[2]: '1:1' is listed twice",
            "assets.yml:11:26: error: models.gemini-4-pro-image.price_per_image_usd: expected a price, found a list",
            "assets.yml:14:26: error: models.no-sizes-image.price_per_image_usd: model 'no-sizes-image' has no image_sizes, so its price is one number",
            "assets.yml:18:26: error: models.priced-in-part.price_per_image_usd: no price for image size '2K'\n    fix: add '2K: USD' to price_per_image_usd, or give one number for every size",
            "assets.yml:23:33: error: models.wrong-batch-size.batch_price_per_image_usd.8K: a price for image size '8K', which is not in image_sizes\n    fix: price one of 1K, 2K, or add '8K' to image_sizes",
            "assets.yml:24:3: error: models.models/gemini x: invalid model id 'models/gemini x'",
            "assets.yml:25:24: error: models.gemini-4-lite-image: expected a mapping, found a list",
            "assets.yml:26:41: error: models.gemini-4-mini-image.max_references: expected a whole number, found 'many'",
            "assets.yml:26:62: error: models.gemini-4-mini-image.aspect_ratios: expected a list, found a mapping",
            "assets.yml:26:83: error: models.gemini-4-mini-image.image_sizes: the list is empty",
        ]
        for line in expected {
            #expect(text.contains(line), "missing:\n\(line)\nin:\n\(text)")
        }
        #expect(!text.contains("has no 'aspect_ratios'"), "a declaration with errors is not checked further")
        #expect(text.components(separatedBy: "error:").count - 1 == expected.count, "\(text)")
    }

    @Test func aNewModelNeedsItsAspectRatiosAndOnlyKnownSizesArePriced() {
        let text = messages(
            """
            version: 1
            models:
              gemini-4-flash-image:
                image_sizes: [1K]
                price_per_image_usd: {1k: 0.05}
              gemini-3.1-flash-image:
                price_per_image_usd: {8K: 0.5}
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {model: gemini-4-flash-image}}
            """)
        #expect(
            text.contains(
                "assets.yml:3:3: error: models.gemini-4-flash-image.aspect_ratios: model 'gemini-4-flash-image' has no 'aspect_ratios'"
            ))
        #expect(
            text.contains(
                "models.gemini-3.1-flash-image.price_per_image_usd.8K: a price for image size '8K', which is not in image_sizes\n    fix: price one of 512, 1K, 2K, 4K, or add '8K' to image_sizes"
            ))
    }

    @Test func anAssetOfAModelDeclaredWithErrorsGetsNoUnknownModelWarning() {
        let yaml =
            "version: 1\nmodels:\n  gemini-4-flash-image: {aspect_ratios: [\"1:1\"], price_per_image_usd: -1}\nassets:\n"
            + asset("a", "    config: {model: gemini-4-flash-image}\n")
        guard case .failure(let failure) = load(yaml) else {
            Issue.record("a negative price must fail")
            return
        }
        #expect(failure.diagnostics.errors.map(\.key) == ["models.gemini-4-flash-image.price_per_image_usd"])
        #expect(failure.diagnostics.warnings.isEmpty, "\(failure.diagnostics)")
    }

    @Test func lowerCaseSizeInAPriceMappingGetsTheUpperCaseFix() {
        let text = messages(
            "version: 1\nmodels:\n  gemini-4-flash-image:\n    aspect_ratios: [\"1:1\"]\n    image_sizes: [1K]\n    price_per_image_usd: {1k: 0.05}\nassets:\n"
                + asset("a"))
        #expect(
            text.contains(
                "assets.yml:6:27: error: models.gemini-4-flash-image.price_per_image_usd.1k: a price for image size '1k', which is not in image_sizes\n    fix: write '1K' with an upper-case K"
            ))
    }
}
