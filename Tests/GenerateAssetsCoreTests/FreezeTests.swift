import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// `frozen: true`: a changed asset keeps its committed image until `--include-frozen`.
@Suite struct FreezeTests {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: logo, output: Images/logo.png, prompt: "A logo.", frozen: true}
          - {id: hero, output: Images/hero.png, prompt: "A hero.", references: [{asset: logo}]}
        """

    @Test func aFrozenAssetKeepsItsImageWhenItsPromptChanges() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        let logo = try #require(project.folder.read("Images/logo.png"))
        let hero = try #require(project.folder.read("Images/hero.png"))
        let lock = try project.lock()
        project.rewrite("A logo.", "A new logo.")

        let status = try project.status()
        let frozen = try #require(status.asset("logo"))
        #expect(frozen.state == .stale && frozen.frozen == true && frozen.action == .keep)
        #expect(frozen.reasons.contains(.promptChanged))
        #expect(frozen.reasons.contains(.frozen))
        #expect(frozen.estimatedCostUSD == 0)
        #expect(status.asset("hero")?.state == .fresh, "its reference keeps its bytes")
        #expect(!status.hasStale, "status --check passes")
        #expect(status.totals["kept"] == 1)

        let report = try await project.generate()
        #expect(report.stats.providerCalls == 0)
        #expect(report.asset("logo")?.state == .stale && report.asset("logo")?.action == .keep)
        #expect(report.asset("hero")?.state == .fresh)
        #expect(!report.hasFailures)
        #expect(project.folder.read("Images/logo.png") == logo && project.folder.read("Images/hero.png") == hero)
        #expect(try project.lock() == lock, "the lock still describes the committed image")

        let released = try await project.generate { $0.includeFrozen = true }
        #expect(released.asset("logo")?.state == .generated)
        #expect(released.asset("hero")?.state == .generated, "then its dependents follow")
        #expect(project.folder.read("Images/logo.png") != logo)
        #expect(try project.status().asset("logo")?.state == .fresh)
        #expect(try project.status().asset("logo")?.frozen == true)
    }

    @Test func aFrozenPlaceholderIsStillAPlaceholder() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        project.rewrite("A logo.", "A new logo.")
        let status = try project.status()
        #expect(status.asset("logo")?.placeholder == true)
        #expect(status.assets.filter(\.placeholder).map(\.id).contains("logo"))
    }

    @Test func aFrozenAssetWithoutAnOutputIsMade() async throws {
        let project = CoreProject(Self.manifest)
        let status = try project.status()
        #expect(status.asset("logo")?.action == .generate, "there is nothing to keep")
        #expect(try await project.generate().asset("logo")?.state == .generated)
    }

    @Test func forceDoesNotReachAFrozenAsset() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        let logo = project.folder.read("Images/logo.png")
        let report = try await project.generate { $0.force = true }
        #expect(report.asset("logo")?.action == .keep)
        #expect(project.folder.read("Images/logo.png") == logo)
        #expect(report.asset("hero")?.state == .generated)
    }

    /// A frozen image keeps; the files made from it still follow their recipes, from the committed image
    /// and at no cost.
    @Test func renditionsOfAFrozenImageFollowTheirRecipes() async throws {
        let project = CoreProject(
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: logo, output: Images/logo.png, prompt: "A logo.", frozen: true,
                 renditions: [{output: Web/logo.webp, width: 256}]}
            """)
        try await project.generate()
        let logo = try #require(project.folder.read("Images/logo.png"))
        let answer = try #require(try project.lock().assets["logo"]?.answerSHA256)
        project.rewrite("A logo.", "A new logo.")
        project.rewrite("width: 256", "width: 200")

        let status = try #require(try project.status().asset("logo"))
        #expect(status.action == .render, "its image is kept, but a file to make from it is work to do")
        #expect(
            status.reasons.contains(.file("Web/logo.webp", .parameterChanged(key: "width", from: "256", to: "200"))))

        let report = try await project.generate()
        #expect(report.stats.providerCalls == 0)
        #expect(report.asset("logo")?.renditions?.first?.state == .rendered)
        #expect(PixelSize.of(try #require(project.folder.read("Web/logo.webp")))?.width == 200)
        #expect(project.folder.read("Images/logo.png") == logo, "the frozen image is kept")
        let entry = try #require(try project.lock().assets["logo"])
        #expect(entry.answerSHA256 == answer && entry.renditions?.first?.recipe.contains("width=200") == true)
        #expect(try project.status().asset("logo")?.renditions?.first?.state == .fresh)
    }
}
