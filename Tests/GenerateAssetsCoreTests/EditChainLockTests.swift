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

/// Edit chains in the lock, in `cache gc`, while an upstream is pending, and with another asset as a turn's
/// reference; over real HTTP against the stub.
@Suite struct EditChainLockTests {
    let chain = EditChainTests()

    func started() throws -> GeminiStub {
        let stub = GeminiStub(options: .init(apiKey: chain.key))
        _ = try stub.start()
        return stub
    }

    /// The stub's answer to a recorded request, as JSON.
    static func answer(_ request: RecordedRequest) throws -> [String: Any] {
        try #require(try request.answer.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
    }

    @Test func theLockRecordsEveryTurnsAnswerAsTheStubGaveIt() async throws {
        let stub = try started()
        defer { stub.stop() }
        let project = try chain.project(stub, edits: ["Translate it into Spanish.", "Make the title twice as large."])
        let report = try await project.generate()
        #expect(report.asset("chart")?.state == .generated, "\(report.asset("chart")?.error?.message ?? "")")
        let requests = stub.generateRequests
        try #require(requests.count == 3)
        let entry = try #require(try project.lock().assets["chart"])
        let turns = try #require(entry.turns)
        let prints = Fingerprint.turns(of: entry.inputs)
        let model = try #require(ModelCatalog.builtIn.model("gemini-3-pro-image"))
        let prices = try #require(model.tokenPrices)
        #expect(turns.map(\.turn) == [0, 1, 2])
        for (turn, request) in zip(turns, requests) {
            let answer = try Self.answer(request)
            let content = try #require((answer["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])
            let usage = try #require(answer["usageMetadata"] as? [String: Any])
            let details = (usage["candidatesTokensDetails"] as? [[String: Any]]) ?? []
            let imageTokens = try #require(
                details.first { $0["modality"] as? String == "IMAGE" }?["tokenCount"] as? Int)
            let count = { (name: String) in usage[name] as? Int ?? 0 }
            #expect(turn.fingerprint == prints[turn.turn])
            #expect(turn.answerSHA256 == SHA256.hash(try ModelContent.encode(content)), "the answer as replayed")
            #expect(turn.imageSHA256.hex == request.imageSHA256)
            #expect(turn.modelVersion == answer["modelVersion"] as? String)
            #expect(turn.usage?.promptTokens == count("promptTokenCount"))
            #expect(turn.usage?.outputTokens == count("candidatesTokenCount"))
            #expect(turn.usage?.thoughtsTokens == count("thoughtsTokenCount"))
            #expect(turn.usage?.totalTokens == count("totalTokenCount"))
            #expect(turn.usage?.imageTokens == imageTokens)
            let text = count("candidatesTokenCount") - imageTokens + count("thoughtsTokenCount")
            let listed =
                (Double(imageTokens) * prices.imageOutput + Double(text) * prices.textOutput
                    + Double(count("promptTokenCount")) * prices.input) / 1_000_000
            #expect(abs((turn.costUSD ?? -1) - listed) < 1e-12, "the turn's cost at the model's token prices")
        }
        #expect(turns.last?.imageSHA256 == entry.answerSHA256, "the last turn's image is the entry's answer")
        // The strict scanner reads the file as JSONDecoder does.
        let bytes = try #require(project.folder.read("assets.lock"))
        #expect(try Lockfile.decode(bytes) == JSONDecoder().decode(Lockfile.self, from: bytes))
    }

    @Test func cacheGCKeepsEveryTurnOfALockedChain() async throws {
        let stub = try started()
        defer { stub.stop() }
        let project = try chain.project(stub, edits: ["Translate it into Spanish.", "Larger title.", "Warmer light."])
        try await project.generate()
        #expect(stub.generateRequests.count == 4)
        // A month later, keeping a week: only what the lock and the plan need stays.
        let later = ManualClock(Date().addingTimeInterval(30 * 86_400))
        let context = try ProjectContext(
            options: project.options, readOnly: false, environment: project.environment, clock: later)
        _ = try CacheRunner.garbage(context, keepDays: 7, dryRun: false)
        let cache = try project.cache()
        let kept = try Fingerprint.turns(of: try #require(try project.lock().assets["chart"]).inputs).map {
            try cache.hasEditTurn($0)
        }
        #expect(kept == [true, true, true, true], "every turn of the chain is still stored")

        project.rewrite("Warmer light.", "Cooler light.")
        try await project.generate()
        #expect(stub.generateRequests.count == 5, "changing edit 3 makes 1 call, from the stored turn 2")
    }

    @Test func aPendingUpstreamIsNotAnEditChange() async throws {
        let stub = try started()
        defer { stub.stop() }
        let project = try chain.project(
            stub, edits: ["Translate it into Spanish.", "Larger title."],
            extra: """
                    references: [{asset: leaf}]
                  - id: leaf
                    output: Images/leaf.png
                    prompt: "A leaf"
                """)
        let report = try await project.generate()
        #expect(report.asset("chart")?.state == .generated, "\(report.asset("chart")?.error?.message ?? "")")
        project.rewrite("A leaf", "A maple leaf")
        let status = try project.status()
        let chart = try #require(status.asset("chart"))
        #expect(chart.reasons.map(\.description) == [StaleReason.upstreamPending("leaf").description])
        let model = try #require(ModelCatalog.builtIn.model("gemini-3-pro-image"))
        let price = try #require(model.imagePrice(imageSize: model.defaultImageSize))
        #expect(abs((chart.estimatedCostUSD ?? 0) - 3 * price) < 1e-9, "every turn runs again after the upstream")
    }

    @Test func anEditTurnMayReferenceAnotherAsset() async throws {
        let stub = try started()
        defer { stub.stop() }
        // The logo is declared after the chain that uses it: the dependency graph orders it first.
        let project = try chain.project(
            stub, edits: [],
            extra: """
                    edits:
                      - "Translate it into Spanish."
                      - prompt: "Put this logo in the corner."
                        references: [{asset: logo}]
                  - id: logo
                    output: Images/logo.png
                    prompt: "A round logo"
                """)
        let report = try await project.generate()
        #expect(report.asset("chart")?.state == .generated, "\(report.asset("chart")?.error?.message ?? "")")
        let prompts = stub.generateRequests.map { $0.prompt ?? "" }
        #expect(prompts.count == 4)
        #expect(prompts.first == "A round logo", "the logo is made before the chain")
        let logo = try #require(project.folder.read("Images/logo.png"))
        let last = try #require(EditChainTests.contents(stub.generateRequests[3]).last)
        let sent = ((last["parts"] as? [[String: Any]]) ?? []).compactMap {
            ($0["inlineData"] as? [String: Any])?["data"] as? String
        }
        #expect(sent == [logo.base64EncodedString()], "the turn sends the logo's image")
        let entry = try #require(try project.lock().assets["chart"])
        #expect(
            entry.inputs.edits?[1].references
                == [InputReference(kind: .asset, name: "logo", sha256: SHA256.hash(logo))])

        // A new logo changes edit 2's fingerprint only: the logo and edit 2 are made again.
        project.rewrite("A round logo", "A square logo")
        let again = try await project.generate()
        #expect(again.asset("chart")?.state == .generated, "\(again.asset("chart")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 6)
        #expect(stub.generateRequests[5].prompt?.hasSuffix("Put this logo in the corner.") == true)
        #expect(EditChainTests.contents(stub.generateRequests[5]).count == 5, "from the stored turn 1")
    }
}
