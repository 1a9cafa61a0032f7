import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// `variants:`, `--variants` and `--force` in-process, with the placeholder provider and the Gemini stub.
@Suite struct VariantTests {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A red fox.", variants: 3}
          - {id: owl, output: Images/owl.jpg, prompt: "An owl.", references: [{asset: fox}]}
        """

    @Test func threeVariantsAreThreeCallsAndTheFirstIsWritten() async throws {
        let project = CoreProject(Self.manifest)
        let report = try await project.generate()
        #expect(report.stats.providerCalls == 4, "3 for fox, 1 for owl")
        let fox = try #require(report.asset("fox"))
        #expect(fox.state == .generated && fox.variants == 3 && fox.picked == 1)
        #expect(report.asset("owl")?.variants == nil, "one variant is not shown")
        let entry = try #require(try project.lock().assets["fox"])
        #expect(entry.variants == 3 && entry.picked == 1)
        let variants = try project.cache().variants(of: entry.fingerprint)
        #expect(variants.map(\.number) == [1, 2, 3])
        #expect(Set(variants.map(\.result.blobSHA256)).count == 3, "the placeholder draws each variant differently")
        #expect(entry.answerSHA256 == variants[0].result.blobSHA256)
        #expect(SHA256.hash(try #require(project.folder.read("Images/fox.png"))) == variants[0].result.blobSHA256)
        let status = try project.status()
        #expect(!status.hasStale)
        #expect(status.asset("fox")?.variants == 3 && status.asset("fox")?.picked == 1)
        #expect(try await project.generate().stats.providerCalls == 0)
    }

    @Test func forceAddsANewVariantThatBecomesTheOutput() async throws {
        let project = CoreProject(Self.manifest)
        try await project.generate()
        let before = try #require(project.folder.read("Images/fox.png"))
        let report = try await project.generate {
            $0.force = true
            $0.only = ["fox"]
        }
        #expect(report.stats.providerCalls == 1)
        let fox = try #require(report.asset("fox"))
        #expect(fox.state == .generated && fox.variants == 4 && fox.picked == 4)
        #expect(fox.reasons.contains(.forcedVariant))
        let entry = try #require(try project.lock().assets["fox"])
        #expect(entry.variants == 4 && entry.picked == 4)
        let variants = try project.cache().variants(of: entry.fingerprint)
        #expect(variants.map(\.number) == [1, 2, 3, 4], "earlier variants stay")
        let after = try #require(project.folder.read("Images/fox.png"))
        #expect(after != before && SHA256.hash(after) == variants[3].result.blobSHA256)
        #expect(
            try project.cache().chosenVariant(of: entry.fingerprint)?.number == 4, "a later restore writes the re-roll")
        let status = try project.status()
        #expect(status.asset("fox")?.state == .fresh)
        #expect(status.asset("owl")?.reasons == [.referenceChanged(.upstream("fox"))])
    }

    @Test func askingForMoreVariantsMakesOnlyTheMissingOnesAndKeepsTheOutput() async throws {
        let project = CoreProject(Self.manifest.replacingOccurrences(of: ", variants: 3", with: ""))
        try await project.generate()
        let output = try #require(project.folder.read("Images/fox.png"))
        project.rewrite("prompt: \"A red fox.\"", "prompt: \"A red fox.\", variants: 2")
        let status = try project.status()
        #expect(status.asset("fox")?.state == .stale)
        #expect(status.asset("fox")?.reasons == [.variantsWanted(wanted: 2, made: 1)])
        #expect(status.asset("fox")?.action == .generate)
        #expect(status.asset("owl")?.state == .fresh, "the output will not change")
        let report = try await project.generate()
        #expect(report.stats.providerCalls == 1)
        #expect(report.asset("fox")?.variants == 2 && report.asset("fox")?.picked == 1)
        #expect(project.folder.read("Images/fox.png") == output)
        #expect(report.asset("owl")?.state == .fresh)
    }

    @Test func theEstimateCountsEveryVariant() throws {
        let project = CoreProject(Self.manifest.replacingOccurrences(of: "provider: placeholder\n", with: ""))
        let status = try project.status()
        let single = try #require(status.asset("owl")?.estimatedCostUSD)
        #expect(single > 0)
        #expect(status.asset("fox")?.estimatedCostUSD == single * 3)
    }

    @Test func variantsOnTheCommandLineOverrideTheManifest() async throws {
        let project = CoreProject(Self.manifest)
        let report = try await project.generate {
            $0.variants = 2
            $0.only = ["fox"]
        }
        #expect(report.stats.providerCalls == 2)
        #expect(try project.lock().assets["fox"]?.variants == 2)
        let status = try project.status()
        #expect(status.asset("fox")?.reasons == [.variantsWanted(wanted: 3, made: 2)], "the manifest still asks for 3")
    }

    @Test func variantsAskTheStubSeparatelyWithSuccessiveSeeds() async throws {
        let stub = GeminiStub(options: .init(apiKey: "variant-key"))
        let url = try stub.start()
        defer { stub.stop() }
        var project = CoreProject(
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: fox, output: Images/fox.png, prompt: "A red fox.", variants: 3, config: {seed: 7}}
            """)
        project.environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": "variant-key"]
        let report = try await project.generate()
        #expect(report.asset("fox")?.state == .generated, "\(report.asset("fox")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 3)
        let seeds = stub.generateRequests.compactMap {
            ($0.json?["generationConfig"] as? [String: Any])?["seed"] as? Int
        }
        #expect(seeds.sorted() == [7, 8, 9], "the three go out together, in any order")
        let entry = try #require(try project.lock().assets["fox"])
        #expect(entry.variants == 3 && entry.picked == 1)
        #expect(try project.cache().variants(of: entry.fingerprint).count == 3)
        _ = try await project.generate()
        #expect(stub.generateRequests.count == 3, "no call once all three are made")
    }
}
