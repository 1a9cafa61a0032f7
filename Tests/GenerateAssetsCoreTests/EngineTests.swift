import AssetCache
import AssetFingerprint
import AssetProviders
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// The engine in-process, with a scripted provider: budget, upstream failures, hand edits, commits.
@Suite struct EngineTests {
    static let manifest = """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: "1K"}
        assets:
          - {id: base, output: Images/base.png, prompt: "the base"}
          - {id: top, output: Images/top.png, prompt: "on top", references: [{asset: base}]}
          - {id: side, output: Images/side.png, prompt: "beside"}
        """

    func project(_ manifest: String = Self.manifest) -> TemporaryDirectory {
        let folder = TemporaryDirectory("engine")
        folder.write("assets.yml", manifest)
        return folder
    }

    func run(
        _ folder: TemporaryDirectory, _ provider: ScriptedProvider,
        _ options: GenerateOptions = GenerateOptions(commit: false)
    ) async throws -> RunReport {
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:], provider: provider)
        return try await GenerateEngine(context: context, options: options, reporter: CollectingReporter()).run()
    }

    func states(_ report: RunReport) -> [String: AssetOutcome.State] {
        Dictionary(uniqueKeysWithValues: report.assets.map { ($0.id, $0.state) })
    }

    @Test func anUpstreamFailureFailsItsDependentsAloneWithoutACall() async throws {
        let folder = project()
        let provider = ScriptedProvider()
        provider.fail("base", with: ProviderError(.blocked, "the prompt was blocked (SAFETY)"))
        let report = try await run(folder, provider)
        #expect(states(report) == ["base": .failed, "top": .failed, "side": .generated])
        #expect(
            report.assets.first { $0.id == "top" }?.error
                == AssetFailure(
                    .upstream, "upstream asset 'base' failed", fix: "fix the upstream asset's failure, then run again"))
        #expect(report.assets.first { $0.id == "base" }?.error?.kind == .blocked)
        #expect(Set(provider.calls) == ["base", "side"], "no call for an asset whose upstream failed")
        #expect(folder.read("Images/top.png") == nil)
    }

    /// Killed by breaking the in-flight accounting (`SpendingBudget` counting only money already spent). Each
    /// call costs more than the list price it was estimated at (thinking tokens can do that); the provider
    /// answers one call at a time, only while every job slot is busy, so the sequence is fixed: with calls in
    /// flight counted, the 11th and 12th would pass the cap and are refused; without, all 12 start.
    @Test func maxCostCountsCallsInFlight() async throws {
        var manifest = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"1K\"}\nassets:\n"
        for index in 1...12 {
            manifest += "  - {id: a\(index), output: Images/a\(index).png, prompt: \"number \(index)\"}\n"
        }
        let folder = project(manifest)
        let estimate = 0.0672  // the list price of one 1K image, what each call is estimated at
        let provider = SettlingProvider(price: 0.1, assets: 12, jobs: 8)
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:], provider: provider)
        let options = GenerateOptions(jobs: 8, maxCost: 12 * estimate, commit: false)
        let report = try await GenerateEngine(context: context, options: options, reporter: provider).run()
        // Eight start. The first answer costs $0.10, 1.49 times its estimate, and from then on every call in
        // flight holds its estimate at that ratio ($0.10): 0.1 + 7 × 0.1 + 0.1 > 0.8064, so no 9th call starts,
        // however the answers come in. Without in-flight accounting the 9th to 12th would start.
        #expect(provider.calls == 8, "calls in flight hold their estimate against the cap")
        let refused = report.assets.filter { $0.error?.kind == .budget }
        #expect(refused.count == 4, "\(refused.map(\.id))")
        #expect(refused.allSatisfy { $0.error?.message.contains("--max-cost") == true })
        let spent = report.assets.compactMap(\.costUSD).reduce(0, +)
        #expect(abs(spent - 0.8) < 1e-9, "spent \(spent), within the cap")
    }

    @Test func aHandEditedOutputIsKeptAtNoCostUntilForced() async throws {
        let folder = project()
        let provider = ScriptedProvider(price: 0.05)
        _ = try await run(folder, provider)
        let calls = provider.calls.count
        folder.write("Images/side.png", TestImages.png(width: 4, height: 4, seed: 9))
        folder.write("assets.yml", Self.manifest.replacingOccurrences(of: "beside", with: "beside, redrawn"))
        let kept = try await run(folder, provider)
        let side = try #require(kept.assets.first { $0.id == "side" })
        #expect(side.state == .stale && side.action == .edited && side.error == nil, "not a failure: \(side)")
        #expect(side.estimatedCostUSD == 0 && provider.calls.count == calls, "no call for an edited output")
        #expect(side.reasons == [.promptChanged, .outputModified, .editedByHand(id: "side", generated: true)])
        #expect(folder.read("Images/side.png") == TestImages.png(width: 4, height: 4, seed: 9), "the edit is kept")
        var forced = GenerateOptions(commit: false)
        forced.force = true
        forced.only = ["side"]
        #expect(states(try await run(folder, provider, forced))["side"] == .generated)
    }

    @Test func outsideARepositoryTheCommitIsSkippedWithOneWarning() async throws {
        let folder = project()
        let report = try await run(folder, ScriptedProvider(price: 0), GenerateOptions(commit: true))
        #expect(report.git?.commit == nil)
        #expect(
            report.warnings.filter { $0.severity == .warning && $0.message.contains("not in a git repository") }.count
                == 1, "\(report.warnings)")
        let noOp = try await run(folder, ScriptedProvider(price: 0), GenerateOptions(commit: true))
        #expect(
            !noOp.warnings.contains { $0.message.contains("not in a git repository") },
            "nothing was written, so nothing went uncommitted")
    }

    @Test func insideARepositoryOneCommitCarriesItsNote() async throws {
        let folder = project()
        try GitCLI.makeRepository(folder)
        let report = try await run(folder, ScriptedProvider(price: 0), GenerateOptions(commit: true))
        #expect(report.git?.commit != nil)
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path)
        #expect(note.contains("\"answer_format\" : \"png\""))
        #expect(note.contains("\"provider\" : \"scripted\""))
    }

    /// Reasons are given for every stale asset: another generated image copied over an output, and the
    /// asset's own changes while an upstream asset is still to be made.
    @Test func everyStaleAssetSaysWhy() async throws {
        let project = CoreProject(
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: base, output: Images/base.png, prompt: "the base"}
              - {id: top, output: Images/top.png, prompt: "on top", references: [{asset: base}]}
              - {id: side, output: Images/side.png, prompt: "beside"}
            """)
        try await project.generate()
        project.folder.write("Images/side.png", try #require(project.folder.read("Images/top.png")))
        let replaced = try #require(try project.status().asset("side"))
        #expect(replaced.state == .stale && replaced.action == .restore)
        #expect(replaced.reasons == [.outputReplaced])

        project.rewrite("the base", "the new base")
        project.rewrite("on top", "on the top")
        let pending = try #require(try project.status().asset("top"))
        #expect(pending.reasons == [.promptChanged, .upstreamPending("base")])
    }

    /// A prompt changed back, in a clone whose cache never saw the first version: the image is in git
    /// history, so it is restored from there instead of being paid for again.
    @Test func anImageCommittedBeforeIsRestoredFromHistoryWithoutACall() async throws {
        let folder = project()
        try GitCLI.makeRepository(folder)
        try GitCLI.run(["add", "assets.yml"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        let provider = ScriptedProvider(price: 0.05)
        _ = try await run(folder, provider, GenerateOptions(commit: true))
        let first = try #require(folder.read("Images/side.png"))
        folder.write("assets.yml", Self.manifest.replacingOccurrences(of: "beside", with: "beside, redrawn"))
        _ = try await run(folder, provider, GenerateOptions(commit: true))
        #expect(folder.read("Images/side.png") != first)
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))  // a teammate's clone
        let before = provider.calls.count

        folder.write("assets.yml", Self.manifest)
        let reverted = try await run(folder, provider, GenerateOptions(commit: true))
        #expect(provider.calls.count == before, "no call: \(provider.calls)")
        #expect(states(reverted)["side"] == .restored)
        #expect(reverted.assets.first { $0.id == "side" }?.estimatedCostUSD == 0)
        #expect(folder.read("Images/side.png") == first, "the committed image, byte for byte")
    }
}
