import AssetCache
import AssetProviders
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// `--max-cost` when answers finish one at a time, reservations on every ending, and the stop after a fatal answer.
@Suite struct BudgetAndStopTests {
    /// The list price of one gemini-3.1-flash-image 1K image, each asset's estimate.
    static let estimate = 0.0672

    func project(_ count: Int) -> TemporaryDirectory {
        var manifest = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"1K\"}\nassets:\n"
        for index in 1...count {
            manifest += "  - {id: a\(index), output: Images/a\(index).png, prompt: \"number \(index)\"}\n"
        }
        let folder = TemporaryDirectory("budget")
        folder.write("assets.yml", manifest)
        return folder
    }

    func run(_ folder: TemporaryDirectory, _ provider: GatedProvider, _ options: GenerateOptions) async throws
        -> RunReport
    {
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:], provider: provider)
        return try await GenerateEngine(context: context, options: options, reporter: provider.reporter).run()
    }

    @Test func callsFinishingOneAtATimeSpendAtMostOneCallPastTheCap() async throws {
        let folder = project(12)
        // Every answer costs more than its estimate, as thinking tokens can make it; the plan fits the cap.
        let provider = GatedProvider(price: 0.1)
        let cap = 12 * Self.estimate
        let releasing = Task { await provider.releaseOneAtATime(assets: 12, jobs: 8) }
        let report = try await run(folder, provider, GenerateOptions(jobs: 8, maxCost: cap, commit: false))
        provider.stop()
        await releasing.value
        let spent = report.assets.compactMap(\.costUSD).reduce(0, +)
        #expect(spent <= cap + 0.1 + 1e-9, "spent \(spent) with a cap of \(cap): at most one call past it")
        #expect(provider.calls.count < 12)
        #expect(
            report.assets.filter { $0.error?.kind == .budget }.count == 12 - provider.calls.count,
            "every asset not started says why")
    }

    @Test func aCallEndedByAnyErrorReleasesItsReservationAndLogsIt() async throws {
        let folder = project(3)
        // Answers cost more than estimated, so a reservation left behind would keep the last call out.
        let provider = GatedProvider(price: 0.1, gated: false)
        // Not a ProviderError: an error of another kind ends the call.
        provider.fail("a1", with: CocoaError(.fileReadUnknown))
        let report = try await run(
            folder, provider, GenerateOptions(jobs: 1, maxCost: 3 * Self.estimate, commit: false))
        #expect(report.asset("a1")?.state == .failed)
        #expect(
            report.asset("a2")?.state == .generated && report.asset("a3")?.state == .generated,
            "a1's reservation was released, so both other calls fit: \(report.assets.map(\.error))")
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let rows = try cache.usage(by: .asset, since: nil)
        #expect(rows.map(\.key).sorted() == ["a1", "a2", "a3"], "every call has its call-log row")
        #expect(rows.first { $0.key == "a1" }?.images == 0)
    }

    @Test func aRejectedKeyStopsTheRunAfterTheFirstCall() async throws {
        let folder = project(6)
        let provider = GatedProvider(price: Self.estimate, gated: false)
        for index in 1...6 {
            provider.fail(
                "a\(index)",
                with: ProviderError(.auth, "the API key was rejected as not valid (HTTP 400)", httpStatus: 400))
        }
        let report = try await run(folder, provider, GenerateOptions(jobs: 1, commit: false))
        #expect(provider.calls.count == 1, "one rejected call, not one per asset: \(provider.calls)")
        let notStarted = report.assets.filter { $0.error?.message.hasPrefix("not started") == true }
        #expect(notStarted.count == 5)
        #expect(notStarted.allSatisfy { $0.error?.message.contains("rejected as not valid") == true })
    }
}
