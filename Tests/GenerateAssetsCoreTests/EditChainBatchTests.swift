import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// An edit chain through the Batch API: one turn per round, each replaying the stored turns verbatim.
@Suite struct EditChainBatchTests {
    let chain = EditChainTests()
    let reporter = CollectingReporter()

    /// The `generateContent` bodies a `batchGenerateContent` call sent inline.
    static func lines(_ request: RecordedRequest) -> [[String: Any]] {
        let input = (request.json?["batch"] as? [String: Any])?["inputConfig"] as? [String: Any]
        let requests = (input?["requests"] as? [String: Any])?["requests"] as? [[String: Any]]
        return (requests ?? []).compactMap { $0["request"] as? [String: Any] }
    }

    /// A started stub whose batch jobs finish when the test says so.
    func manualStub() throws -> GeminiStub {
        var options = GeminiStub.Options(apiKey: chain.key)
        options.batchSchedule = .manual
        let stub = GeminiStub(options: options)
        _ = try stub.start()
        return stub
    }

    @Test func aThreeTurnChainGoesOneTurnPerRoundAtTheBatchPrice() async throws {
        let stub = try manualStub()
        defer { stub.stop() }
        let project = try chain.project(stub, edits: ["Translate it into Spanish.", "Make the title twice as large."])

        let dry = try await project.generate {
            $0.batch = true
            $0.dryRun = true
        }
        let model = try #require(ModelCatalog.builtIn.model("gemini-3-pro-image"))
        let batchPrice = try #require(model.batchImagePrice(imageSize: model.defaultImageSize))
        #expect(abs((dry.asset("chart")?.estimatedCostUSD ?? 0) - 3 * batchPrice) < 1e-9, "three turns at Batch")

        let submitted = try await project.generate { $0.batch = true }
        #expect(submitted.asset("chart")?.action == .wait, "\(submitted.asset("chart")?.error?.message ?? "")")
        #expect(submitted.batches?.map(\.assets) == [["chart"]])
        #expect(submitted.rounds == 3, "one round per turn")
        #expect(stub.batchRequests.count == 1 && stub.generateRequests.isEmpty)

        let waited = try await BatchRunner.waitFollowing(
            try project.context(), reload: { try project.context() }, follow: true, timeout: nil, interval: 1,
            commit: false, reporter: reporter, sleep: { _ in stub.completeAllBatches() })
        #expect(waited.rounds == 3)
        #expect(
            waited.report.asset("chart")?.state == .restored, "\(waited.report.asset("chart")?.error?.message ?? "")")
        #expect(stub.batchRequests.count == 3, "three jobs, one after the other")
        #expect(stub.generateRequests.isEmpty, "no synchronous call")

        let turns = try EditChainTests.storedTurns(project)
        #expect(turns.map(\.turn) == [0, 1, 2], "every turn stored")
        for (round, request) in stub.batchRequests.enumerated() {
            let lines = Self.lines(request)
            try #require(lines.count == 1, "one turn per job")
            let contents = (lines[0]["contents"] as? [[String: Any]]) ?? []
            #expect(contents.count == 2 * round + 1, "the whole conversation, then the new user turn")
            for earlier in 0..<round {
                #expect(
                    try ModelContent.encode(contents[2 * earlier + 1]) == turns[earlier].content,
                    "replayed byte-identical to the stored answer, signatures included")
            }
        }
        let output = project.folder.read("Images/chart.png")
        #expect(output.map(SHA256.hash) == turns[2].imageSHA256, "the output is the last turn's image")
        #expect(EditChainTests.label(output) == "turn 3: Make the title twice as large.")

        // Priced at Batch: each turn half its usage at the model's token prices, in the lock and the call log.
        let prices = try #require(model.tokenPrices)
        let locked = try #require(try project.lock().assets["chart"]?.turns)
        #expect(locked.count == 3)
        var total = 0.0
        for turn in locked {
            let usage = try #require(turn.usage)
            let text = usage.outputTokens - usage.imageTokens + usage.thoughtsTokens
            let listed =
                (Double(usage.imageTokens) * prices.imageOutput + Double(text) * prices.textOutput
                    + Double(usage.promptTokens) * prices.input) / 1_000_000
            #expect(abs((turn.costUSD ?? -1) - listed / 2) < 1e-12, "half the synchronous price")
            total += listed / 2
        }
        let usage = try project.cache().usage(by: .model, since: nil)
        #expect(abs((usage.first?.batchUSD ?? 0) - total) < 1e-9)
        #expect(usage.first?.costUSD == usage.first?.batchUSD, "all of it through the Batch API")
        #expect(usage.first?.calls == 3)
    }

    /// A turn whose Batch request failed and that was made since (here synchronously) is no reason any more.
    @Test func aFailedTurnMadeSinceIsNoLongerAReason() async throws {
        let stub = try manualStub()
        defer { stub.stop() }
        stub.scriptBatch(BatchScript(schedule: .manual, failKeys: ["chart"]))
        let project = try chain.project(stub, edits: ["Translate it into Spanish.", "Make the title larger."])
        try await project.generate { $0.batch = true }
        let waited = try await BatchRunner.waitFollowing(
            try project.context(), reload: { try project.context() }, follow: true, timeout: nil, interval: 1,
            commit: false, reporter: reporter, sleep: { _ in stub.completeAllBatches() })
        #expect(waited.rounds == 1, "the failed turn blocks the chain")
        let failed = try #require(try project.status().asset("chart"))
        #expect(failed.reasons.contains { if case .batchRequestFailed = $0 { true } else { false } })

        let made = try await project.generate()
        #expect(made.asset("chart")?.state == .generated, "\(made.asset("chart")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 3)
        project.rewrite("Make the title larger.", "Make the title smaller.")
        #expect(
            try project.status().asset("chart")?.reasons.map(\.description) == [
                "edit turn 2 is stale: its text changed"
            ])
    }
}
