import AssetCache
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Edit turns and judge calls go through the same reservation as image calls: after a rejected key no turn
/// and no judge call starts, and `--max-cost` refuses a turn or a judge call that would pass the cap.
@Suite struct EditAndJudgeReservationTests {
    /// The list price of one gemini-3.1-flash-image 1K image.
    static let imagePrice = 0.0672

    func run(_ folder: TemporaryDirectory, _ provider: KeyedProvider, _ options: GenerateOptions) async throws
        -> RunReport
    {
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:], provider: provider)
        return try await GenerateEngine(context: context, options: options, reporter: provider.reporter).run()
    }

    static func folder(_ assets: String) -> TemporaryDirectory {
        let folder = TemporaryDirectory("reserve")
        folder.write(
            "assets.yml",
            "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"1K\"}\nassets:\n" + assets)
        return folder
    }

    static let rejected = ProviderError(.auth, "the API key was rejected as not valid (HTTP 400)", httpStatus: 400)

    /// `chart`'s turn 0 is answered only after `key`'s call was rejected: its edit turn 1 must not start.
    @Test func aRejectedKeyStopsTheNextEditTurn() async throws {
        let folder = Self.folder(
            """
              - {id: key, output: Images/key.png, prompt: "a key"}
              - {id: chart, output: Images/chart.png, prompt: "a chart", edits: ["Make it blue."]}

            """)
        let provider = KeyedProvider(price: Self.imagePrice)
        provider.fail("key", with: Self.rejected)
        let running = Task { try await run(folder, provider, GenerateOptions(jobs: 2, commit: false)) }
        await provider.waitUntilHeld(["key", "chart"])
        provider.let("key")
        await provider.waitUntilEnded("key")  // the rejection is noted: only then is chart's turn 0 answered
        provider.let("chart")
        let report = try await running.value
        provider.stop()
        #expect(provider.imageCalls.filter { $0 == "chart" }.count == 1, "turn 0 only: \(provider.imageCalls)")
        let error = report.asset("chart")?.error?.message ?? ""
        #expect(error.contains("not started: an earlier call was refused"), "\(error)")
        #expect(error.contains("rejected as not valid"))
    }

    /// `banner`'s image is answered only after `key`'s call was rejected: its judge call must not start.
    @Test func aRejectedKeyStopsTheNextJudgeCall() async throws {
        let folder = Self.folder(
            """
              - {id: key, output: Images/key.png, prompt: "a key"}
              - {id: banner, output: Images/banner.png, prompt: "a fox", checks: {expect: ["Is there a fox?"]}}

            """)
        let provider = KeyedProvider(price: Self.imagePrice)
        provider.fail("key", with: Self.rejected)
        let running = Task { try await run(folder, provider, GenerateOptions(jobs: 2, commit: false)) }
        await provider.waitUntilHeld(["key", "banner"])
        provider.let("key")
        await provider.waitUntilEnded("key")
        provider.let("banner")
        let report = try await running.value
        provider.stop()
        #expect(provider.judgeCalls.isEmpty, "no judge call after the rejection")
        let error = report.asset("banner")?.error?.message ?? ""
        #expect(error.contains("an earlier call was refused"), "\(error)")
        #expect(folder.read("Images/banner.png") == nil, "an unjudged image is not written")
    }

    /// The image answer costs more than estimated and reaches the cap: the judge call would pass it.
    @Test func maxCostRefusesAJudgeCallThatWouldPassTheCap() async throws {
        let judge = try #require(JudgeModels.named(ChecksDefaults.defaultModel))
        try #require(judge.estimatedCost(imageSize: nil) > 0 && judge.estimatedCost(imageSize: nil) < 0.01)
        let cap = Self.imagePrice + 0.01  // the plan (image and judge estimates) fits
        let folder = Self.folder(
            """
              - {id: banner, output: Images/banner.png, prompt: "a fox", checks: {expect: ["Is there a fox?"]}}

            """)
        let provider = KeyedProvider(price: cap, passing: ["banner"])
        let report = try await run(folder, provider, GenerateOptions(jobs: 1, maxCost: cap, commit: false))
        provider.stop()
        #expect(provider.imageCalls == ["banner"])
        #expect(provider.judgeCalls.isEmpty, "the judge call would pass --max-cost")
        let error = report.asset("banner")?.error
        #expect(error?.kind == .budget)
        #expect(
            error?.message.contains("not judged: spent and in-flight calls would pass --max-cost") == true,
            "\(String(describing: error))")
    }

    /// The plan (three turns) fits the cap, but turn 0 costs more than estimated and reaches it: edit turn 1
    /// would pass it.
    @Test func maxCostRefusesAnEditTurnThatWouldPassTheCap() async throws {
        let cap = 3 * Self.imagePrice
        let folder = Self.folder(
            """
              - {id: chart, output: Images/chart.png, prompt: "a chart", edits: ["Make it blue.", "Add a title."]}

            """)
        let provider = KeyedProvider(price: cap, passing: ["chart"])
        let report = try await run(folder, provider, GenerateOptions(jobs: 1, maxCost: cap, commit: false))
        provider.stop()
        #expect(provider.imageCalls == ["chart"], "turn 0 only")
        let error = report.asset("chart")?.error
        #expect(error?.kind == .budget)
        #expect(
            error?.message.contains("edit turn 1 of 2 not started: spent and in-flight calls would pass --max-cost")
                == true,
            "\(String(describing: error))")
    }
}
