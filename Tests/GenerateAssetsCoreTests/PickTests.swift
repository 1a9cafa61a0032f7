import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// `pick ID K` in-process: from the cache, into the lock, committed, kept by a fresh clone.
@Suite struct PickTests {
    static let manifest = VariantTests.manifest

    func pick(_ project: CoreProject, _ id: String, _ number: Int, commit: Bool = false) async throws -> PickReport {
        try await VariantPicker.pick(context: try project.context(), id: id, variant: number, commit: commit)
    }

    @Test func pickWritesTheVariantAndStatusStaysFresh() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        let fingerprint = try #require(try project.lock().assets["fox"]?.fingerprint)
        let second = try #require(try project.cache().variants(of: fingerprint).first { $0.number == 2 })
        let picked = try await pick(project, "fox", 2)
        #expect(picked.changed && picked.picked == 2 && picked.variants == 3)
        #expect(picked.dependents == ["owl"])
        #expect(SHA256.hash(try #require(project.folder.read("Images/fox.png"))) == second.result.blobSHA256)
        let entry = try #require(try project.lock().assets["fox"])
        #expect(entry.picked == 2 && entry.variants == 3 && entry.answerSHA256 == second.result.blobSHA256)
        let status = try project.status()
        #expect(status.asset("fox")?.state == .fresh && status.asset("fox")?.picked == 2)
        #expect(status.asset("owl")?.reasons == [.referenceChanged(.upstream("fox"))])
        let next = try await project.generate()
        #expect(next.stats.providerCalls == 1, "only owl, which uses the new image")
        #expect(next.asset("fox")?.state == .fresh)
        #expect(try await pick(project, "fox", 2).changed == false, "picking it again changes nothing")
    }

    @Test func aRevertedPromptRestoresThePickedVariant() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        _ = try await pick(project, "fox", 3)
        let third = project.folder.read("Images/fox.png")
        try await project.generate()
        project.rewrite("A red fox.", "A grey fox.")
        try await project.generate()
        #expect(project.folder.read("Images/fox.png") != third)
        project.rewrite("A grey fox.", "A red fox.")
        let back = try await project.generate()
        #expect(back.asset("fox")?.state == .restored && back.asset("fox")?.picked == 3)
        #expect(back.stats.providerCalls == 0)
        #expect(project.folder.read("Images/fox.png") == third)
    }

    @Test func pickSaysWhatItCannotDo() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        await #expect(throws: UserFacingError.self) { try await pick(project, "fxo", 1) }
        do {
            _ = try await pick(project, "fox", 5)
            Issue.record("variant 5 does not exist")
        } catch let error as UserFacingError {
            #expect(error.message == "'fox' has no variant 5; the cache has variants 1, 2, 3")
            #expect(error.fix?.contains("--force --only fox") == true)
        }
        project.folder.write("Images/fox.png", TestImages.png(width: 4, height: 4, seed: 3))
        do {
            _ = try await pick(project, "fox", 2)
            Issue.record("a hand edit is not overwritten")
        } catch let error as UserFacingError {
            #expect(error.message.contains("was changed outside generate-assets"))
        }
        #expect(project.folder.read("Images/fox.png") == TestImages.png(width: 4, height: 4, seed: 3))
    }

    @Test func aPickIsCommittedWithANoteAndAFreshCloneKeepsIt() async throws {
        let project = CoreProject(Self.manifest)
        try GitCLI.makeRepository(project.folder)
        try GitCLI.run(["add", "assets.yml"], in: project.folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: project.folder.path)
        try await project.generate(commit: true)
        let picked = try await pick(project, "fox", 2, commit: true)
        let commit = try #require(picked.git?.commit)
        #expect(
            try GitCLI.run(["log", "-1", "--format=%s"], in: project.folder.path)
                == "generate-assets: pick variant 2 of fox\n")
        #expect(
            try GitCLI.run(["show", "--name-only", "--format=", commit], in: project.folder.path)
                == "Images/fox.png\nassets.lock\n")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", commit], in: project.folder.path)
        let record = try #require(ProvenanceNote.parse(note)?.assets.first)
        #expect(record.action == "picked" && record.picked == 2 && record.variants == 3)
        #expect(try await project.generate(commit: true).asset("owl")?.state == .generated, "owl follows the pick")

        let copy = CoreProject(emptyFolder: "pick-clone")
        try GitCLI.run(["clone", "-q", project.folder.path, copy.folder.path], in: copy.folder.path)
        let status = try copy.status()
        #expect(!status.hasStale, "\(status.assets.map(\.reasons))")
        #expect(status.asset("fox")?.picked == 2 && status.asset("fox")?.variants == 3)
        #expect(copy.folder.read("Images/fox.png") == project.folder.read("Images/fox.png"))
        #expect(try await copy.generate().stats.providerCalls == 0)
        do {
            _ = try await pick(copy, "fox", 1)
            Issue.record("the clone's cache has no variants")
        } catch let error as UserFacingError {
            #expect(error.message.contains("not in this clone's cache"))
        }
    }

    /// A pick writes what a generate writes: the renditions made from the picked image, and a catalog set's
    /// files and `Contents.json`; the lock keeps them and `status` stays fresh.
    @Test func aPickRendersTheFilesMadeFromTheImage() async throws {
        let project = CoreProject(
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: logo, output: Images/logo.png, prompt: "A logo.", variants: 2,
                 renditions: [{output: Web/logo-64.webp, width: 64}]}
              - {id: badge, output: App/Assets.xcassets/Badge.imageset, prompt: "A badge.", variants: 2,
                 scales: [1, 2], point_size: [40, 40]}
            """)
        try await project.generate()
        let thumbnail = try #require(project.folder.read("Web/logo-64.webp"))
        let badge2x = try #require(project.folder.read("App/Assets.xcassets/Badge.imageset/Badge@2x.png"))
        let contents = try #require(project.folder.read("App/Assets.xcassets/Badge.imageset/Contents.json"))

        #expect(try await pick(project, "logo", 2).changed)
        #expect(project.folder.read("Web/logo-64.webp") != thumbnail, "the rendition is made from variant 2")
        let logo = try #require(try project.lock().assets["logo"])
        #expect(logo.picked == 2 && logo.renditions?.map(\.output) == ["Web/logo-64.webp"])

        let badge = try await pick(project, "badge", 2)
        #expect(badge.changed)
        #expect(project.folder.read("App/Assets.xcassets/Badge.imageset/Badge@2x.png") != badge2x)
        #expect(project.folder.read("App/Assets.xcassets/Badge.imageset/Contents.json") == contents)
        #expect(try project.lock().assets["badge"]?.picked == 2)

        let status = try project.status()
        #expect(!status.hasStale, "\(status.assets.map { ($0.id, $0.reasons) })")
    }
}
