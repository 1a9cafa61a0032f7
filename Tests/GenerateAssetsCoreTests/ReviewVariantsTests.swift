import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// The review page's variants in-process: those of every run are shown while they can be picked, and a
/// stale asset stays stale on the page (its variants beside it).
@Suite struct ReviewVariantsTests {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A fox.", variants: 2}
          - {id: owl, output: Images/owl.png, prompt: "An owl."}
        """

    @Test func variantsOfAnEarlierRunAreShownAndAStaleAssetStaysStale() async throws {
        let project = CoreProject(Self.manifest)
        try GitCLI.makeRepository(project.folder)
        try await project.generate(commit: true)
        project.rewrite("An owl.", "A snowy owl.")
        let second = try await project.generate(commit: true)
        #expect(second.asset("fox")?.state == .fresh && second.asset("owl")?.state == .generated)

        let report = try ReviewRunner.write(options: project.options, review: ReviewOptions())
        let fox = try #require(report.assets.first { $0.id == "fox" }, "\(report.unchanged)")
        #expect(fox.status == .variants && fox.variants.map(\.number) == [1, 2] && fox.picked == 1)
        #expect(report.assets.first { $0.id == "owl" }?.status == .changed)

        project.rewrite("A fox.", "A red fox.")
        let stale = try ReviewRunner.write(options: project.options, review: ReviewOptions())
        let changed = try #require(stale.assets.first { $0.id == "fox" })
        #expect(changed.status == .stale && changed.reasons == [.promptChanged], "\(changed.status)")
        #expect(changed.variants.count == 2, "the variants of the image it has, beside it")
    }
}
