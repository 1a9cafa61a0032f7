import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// `variants:` and `frozen:` on an asset: read, checked with located errors, and kept out of the config.
@Suite struct ReviewKeysTests {
    @Test func variantsAndFrozenAreRead() throws {
        let project = try load("version: 1\nassets:\n" + asset("a", "    variants: 3\n    frozen: true\n") + asset("b"))
            .get()
        #expect(project.asset("a")?.variants == 3 && project.asset("a")?.frozen == true)
        #expect(project.asset("b")?.variants == 1 && project.asset("b")?.frozen == false)
    }

    @Test func badValuesAreLocatedWithAFix() {
        let found = errors(
            "version: 1\nassets:\n" + asset("a", "    variants: 9\n") + asset("b", "    frozen: maybe\n")
                + asset("c", "    config:\n      variants: 2\n"))
        #expect(found.count == 3)
        #expect(
            found[0].description.hasPrefix(
                "assets.yml:6:15: error: assets[a].variants: variants must be between 1 and 8, not 9"))
        #expect(found[0].fix != nil)
        #expect(
            found[1].description.hasPrefix(
                "assets.yml:10:13: error: assets[b].frozen: expected true or false, found 'maybe'"))
        #expect(
            found[2].description.hasPrefix(
                "assets.yml:15:7: error: assets[c].config.variants: 'variants' belongs to the asset"))
    }
}
