import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// `renditions:`, catalog-set outputs, `scales:`, `point_size:` and `appearances:` in the manifest.
@Suite struct DeliverableManifestTests {
    func project(_ yaml: String) throws -> ResolvedProject {
        switch load(yaml) {
        case .success(let project): return project
        case .failure(let error): throw error
        }
    }

    func messages(_ yaml: String) -> String {
        errors(yaml).map(\.description).joined(separator: "\n")
    }

    @Test func renditionsResolveWithCanonicalRecipes() throws {
        let resolved = try project(
            """
            version: 1
            assets:
              - id: logo
                output: Images/logo.png
                prompt: "A logo on a flat #00FF00 background"
                renditions:
                  - {output: Web/logo-512.webp, width: 512}
                  - {output: Web/./logo-64.png, width: 64, height: 64, fit: contain}
                  - {output: Images/logo-transparent.png, remove_background: "#00FF00", tolerance: 0.15}
                  - {output: Web/logo.jpg}
            """)
        let logo = try #require(resolved.asset("logo"))
        #expect(logo.hasOutputFile)
        #expect(
            logo.renditions.map(\.output) == [
                "Web/logo-512.webp", "Web/logo-64.png", "Images/logo-transparent.png", "Web/logo.jpg",
            ])
        #expect(
            logo.renditions.map(\.recipe) == [
                "rendition:1 format=webp width=512",
                "rendition:1 format=png width=64 height=64 fit=contain",
                "rendition:1 format=png key=#00ff00 tolerance=0.15",
                "rendition:1 format=jpeg",
            ])
        #expect(logo.renditions[3].isConversion)
        #expect(
            logo.renditions[0].pixelSize(from: PixelSize(width: 1024, height: 768))
                == PixelSize(width: 512, height: 384))
        #expect(
            logo.renditions[1].pixelSize(from: PixelSize(width: 1024, height: 768)) == PixelSize(width: 64, height: 48))
        #expect(
            logo.writtenFiles == [
                "Images/logo.png", "Web/logo-512.webp", "Web/logo-64.png", "Images/logo-transparent.png",
                "Web/logo.jpg",
            ])
    }

    @Test func anImageSetWithScalesAndADarkAppearanceBecomesTwoAssets() throws {
        let resolved = try project(
            """
            version: 1
            assets:
              - id: badge
                output: Images/badge.png
                prompt: "A badge"
              - id: logo
                output: App/Assets.xcassets/Brand/Logo.imageset
                prompt: "A logo"
                scales: [3, 1, 2]
                point_size: [40, 20.5]
                config: {seed: 1}
                appearances:
                  dark: {prompt: "A logo for dark mode", references: [{asset: badge}], config: {temperature: 0.5}}
              - id: after
                output: Images/after.png
                prompt: "After"
            """)
        #expect(resolved.assets.map(\.id) == ["badge", "logo", "logo.dark", "after"])
        let logo = try #require(resolved.asset("logo"))
        #expect(!logo.hasOutputFile)
        #expect(logo.output == "App/Assets.xcassets/Brand/Logo.imageset")
        #expect(
            logo.renditions.map(\.output)
                == ["Logo.png", "Logo@2x.png", "Logo@3x.png"].map { "App/Assets.xcassets/Brand/Logo.imageset/" + $0 })
        #expect(
            logo.renditions.map { PixelSize(width: $0.width ?? 0, height: $0.height ?? 0) } == [
                PixelSize(width: 40, height: 21), PixelSize(width: 80, height: 41), PixelSize(width: 120, height: 62),
            ])
        let set = try #require(logo.catalog?.set)
        #expect(set.kind == .imageset)
        #expect(set.contentsPath == "App/Assets.xcassets/Brand/Logo.imageset/Contents.json")
        #expect(set.catalogContentsPath == "App/Assets.xcassets/Contents.json")
        #expect(
            set.images.map(\.filename) == [
                "Logo.png", "Logo@2x.png", "Logo@3x.png", "Logo-dark.png", "Logo-dark@2x.png", "Logo-dark@3x.png",
            ])
        #expect(set.images.map(\.scale) == [1, 2, 3, 1, 2, 3])
        #expect(set.images.map(\.appearance) == [nil, nil, nil, "dark", "dark", "dark"])

        let dark = try #require(resolved.asset("logo.dark"))
        #expect(dark.output == logo.output)
        #expect(dark.catalog?.primary == "logo")
        #expect(dark.catalog?.appearance == "dark")
        #expect(dark.catalog?.set == nil, "the set's own asset writes Contents.json")
        #expect(dark.prompt == "A logo for dark mode")
        #expect(dark.config.seed == 1, "the asset's config is inherited")
        #expect(dark.config.temperature == 0.5)
        #expect(dark.dependencies == ["badge"])
        #expect(dark.renditions.map(\.output).last == "App/Assets.xcassets/Brand/Logo.imageset/Logo-dark@3x.png")
        #expect(
            resolved.closure(of: ["logo"]).map(\.id) == ["badge", "logo", "logo.dark"],
            "--only logo brings its appearance and what it uses")
    }

    @Test func anAppIconSetHasOneUniversalImagePerAppearance() throws {
        let resolved = try project(
            """
            version: 1
            assets:
              - id: icon
                output: Assets.xcassets/AppIcon.appiconset
                prompt: "An icon"
                appearances:
                  dark: {prompt: "An icon, dark"}
                  tinted: {config: {seed: 9}}
            """)
        #expect(resolved.assets.map(\.id) == ["icon", "icon.dark", "icon.tinted"])
        let set = try #require(resolved.asset("icon")?.catalog?.set)
        #expect(set.kind == .appiconset)
        #expect(
            set.images.map(\.json).map { $0["filename"] as? String } == [
                "AppIcon.png", "AppIcon-dark.png", "AppIcon-tinted.png",
            ])
        for image in set.images {
            #expect(image.json["idiom"] as? String == "universal")
            #expect(image.json["platform"] as? String == "ios")
            #expect(image.json["size"] as? String == "1024x1024")
        }
        #expect(resolved.asset("icon.tinted")?.prompt == "An icon")
        #expect(
            resolved.asset("icon.tinted")?.renditions.first.map { ($0.width, $0.height) }.map { $0 == (1024, 1024) }
                == true)
    }

    @Test func badRenditionsAreLocatedWithFixes() {
        let text = messages(
            """
            version: 1
            assets:
              - id: a
                output: Images/a.png
                prompt: x
                renditions:
                  - {output: ../out.png, width: 10}
                  - {output: Web/a.gif}
                  - {output: Web/b.png, width: 0, height: 99999}
                  - {output: Web/c.png, width: 10, fit: stretch}
                  - {output: Web/d.jpg, remove_background: "#00FF00"}
                  - {output: Web/e.png, remove_background: green}
                  - {output: Web/f.png, tolerance: 2}
                  - {output: Images/a.png}
                  - {width: 10}
                  - {output: Web/g.png, heigth: 10}
                  - output: Web/h.png
                    remove_background: #00FF00
            """)
        #expect(
            text.contains(
                "assets.yml:7:18: error: assets[a].renditions[0].output: output '../out.png' is outside the project"))
        #expect(text.contains("rendition output 'Web/a.gif' must end in .png, .jpg, .jpeg or .webp"))
        #expect(text.contains("width 0 is out of range"))
        #expect(text.contains("height 99999 is out of range"))
        #expect(text.contains("unknown fit 'stretch'"))
        #expect(text.contains("'fit' needs both 'width' and 'height'"))
        #expect(text.contains("JPEG has no alpha channel"))
        #expect(text.contains("'green' is not a colour"))
        #expect(text.contains("tolerance 2.0 is out of range"))
        #expect(text.contains("'tolerance' applies to 'remove_background'"))
        #expect(text.contains("renditions[7].output: 'Images/a.png' is also written by this asset"))
        #expect(text.contains("renditions[8].output: missing 'output'"))
        #expect(text.contains("unknown key 'heigth'\n    fix: did you mean 'height'?"))
        #expect(text.contains("an unquoted '#' starts a YAML comment"))
    }

    @Test func catalogKeysMustMatchTheOutput() {
        let text = messages(
            """
            version: 1
            assets:
              - {id: a, output: Images/a.png, prompt: x, scales: [1, 2]}
              - {id: b, output: Images/b.png, prompt: x, appearances: {dark: {prompt: y}}}
              - {id: c, output: Icons/C.imageset, prompt: x}
              - {id: d, output: Assets.xcassets/D.imageset, prompt: x, scales: [1, 2, 4], point_size: [10, 10]}
              - {id: e, output: Assets.xcassets/E.imageset, prompt: x, scales: [1, 2]}
              - {id: f, output: Assets.xcassets/F.imageset, prompt: x, point_size: [10, 10]}
              - {id: g, output: Assets.xcassets/G.appiconset, prompt: x, scales: [1]}
              - {id: h, output: Assets.xcassets/H.appiconset, prompt: x, appearances: {drak: {prompt: y}}}
              - {id: i, output: Assets.xcassets/I.imageset, prompt: x, appearances: {dark: {}}}
              - {id: j, output: Assets.xcassets/J.imageset, prompt: x, point_size: [0, 10], scales: [1]}
              - {id: k, output: Assets.xcassets/K.imageset, prompt: x, renditions: [{output: Web/k.imageset}]}
              - {id: l, output: Assets.xcassets/L.imageset, prompt: x, renditions: [{output: Assets.xcassets/L.imageset/L.png}]}
            """)
        #expect(
            text.contains(
                "assets.yml:3:54: error: assets[a].scales: 'scales' applies to an .imageset output\n    fix: make the output 'Assets.xcassets/a.imageset'"
            ))
        #expect(text.contains("assets[b].appearances: 'appearances' applies to an asset-catalog set"))
        #expect(
            text.contains(
                "output 'Icons/C.imageset' is an asset-catalog set outside any .xcassets folder\n    fix: put it inside a catalog folder, e.g. 'Assets.xcassets/C.imageset'"
            ))
        #expect(text.contains("scales must be distinct values from 1, 2 and 3, not [1, 2, 4]"))
        #expect(text.contains("assets[e].scales: 'scales' needs 'point_size'"))
        #expect(text.contains("assets[f].point_size: 'point_size' needs 'scales'"))
        #expect(
            text.contains(
                "assets[g].scales: 'scales' applies to an .imageset output\n    fix: remove it: an app icon set holds one 1024×1024 image"
            ))
        #expect(text.contains("unknown appearance 'drak' for an .appiconset\n    fix: did you mean 'dark'?"))
        #expect(text.contains("appearance 'dark' changes nothing"))
        #expect(text.contains("assets[j].point_size: point_size must be [width, height] in points"))
        #expect(text.contains("a rendition writes one image file, not a set"))
        #expect(text.contains("'Assets.xcassets/L.imageset/L.png' is also written by this asset"))
    }

    @Test func appearanceErrorsPointAtTheAppearance() {
        let text = messages(
            """
            version: 1
            assets:
              - id: logo
                output: Assets.xcassets/Logo.imageset
                prompt: x
                appearances:
                  dark:
                    style: nope
                    references: [{asset: logo.dark}]
                    config: {aspect_ratio: "7:5"}
            """)
        #expect(text.contains("assets.yml:8:16: error: assets[logo.dark].style: unknown style 'nope'"))
        #expect(
            text.contains("assets.yml:9:22: error: assets[logo.dark].references[0]: asset 'logo.dark' refers to itself")
        )
        #expect(
            text.contains(
                "assets.yml:10:32: error: assets[logo.dark].config.aspect_ratio: gemini-3.1-flash-image does not support aspect ratio '7:5'"
            ))
    }

    @Test func filesWrittenByTwoAssetsCollide() {
        let text = messages(
            """
            version: 1
            assets:
              - {id: a, output: Images/a.png, prompt: x, renditions: [{output: Web/shared.png}]}
              - {id: b, output: Images/b.png, prompt: x, renditions: [{output: web/SHARED.png}]}
              - {id: c, output: Images/c.png, prompt: x, references: [Web/shared.png]}
            """)
        #expect(text.contains("'web/SHARED.png' is also written by asset 'a'"))
        #expect(text.contains("reference 'Web/shared.png' is the output of asset 'a'\n    fix: write '- asset: a'"))
    }

    @Test func anImageOfAnotherShapeThanItsSetIsAWarning() throws {
        let resolved = try project(
            """
            version: 1
            assets:
              - {id: wide, output: Assets.xcassets/Wide.imageset, prompt: x, scales: [1, 2], point_size: [64, 64], config: {aspect_ratio: "16:9"}}
              - {id: fits, output: Assets.xcassets/Fits.imageset, prompt: x, scales: [1, 2], point_size: [160, 90], config: {aspect_ratio: "16:9"}}
              - {id: icon, output: Assets.xcassets/AppIcon.appiconset, prompt: x, appearances: {dark: {config: {aspect_ratio: "4:3"}}}}
            """)
        // The default model is deprecated: one warning for all the assets that name no model.
        let deprecation = resolved.warnings.filter { $0.message.hasPrefix("the default model, ") }
        #expect(deprecation.count == 1)
        let warnings = resolved.warnings.filter { !deprecation.contains($0) }.map(\.description)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(
            warnings.contains {
                $0.contains(
                    "assets[wide].config.aspect_ratio: the image is 16:9 but the set's files are 64×64: they are cropped from the centre"
                )
            })
        #expect(
            warnings.contains {
                $0.contains("assets[icon.dark].config.aspect_ratio: the image is 4:3 but the set's files are 1024×1024")
            })
    }
}
