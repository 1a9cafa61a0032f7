import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Edit chains over real HTTP against the stub, which signs its answers and checks replayed turns.
@Suite struct EditChainTests {
    let key = "edit-chain-key"

    func project(_ stub: GeminiStub, edits: [String], extra: String = "") throws -> CoreProject {
        var project = CoreProject(Self.manifest(edits: edits, extra: extra), label: "edit-chain")
        project.environment = [
            "GEMINI_BASE_URL": stub.baseURL.absoluteString, "GEMINI_API_KEY": key,
        ]
        return project
    }

    static func manifest(edits: [String], extra: String = "") -> String {
        let list = edits.isEmpty ? "" : "    edits:\n" + edits.map { "      - \"\($0)\"\n" }.joined()
        return """
            version: 1
            defaults: {model: gemini-3-pro-image}
            assets:
              - id: chart
                output: Images/chart.png
                prompt: "An infographic of photosynthesis as a recipe"
            \(list)\(extra)
            """
    }

    /// The `contents` of a recorded request.
    static func contents(_ request: RecordedRequest) -> [[String: Any]] {
        let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
        return (body?["contents"] as? [[String: Any]]) ?? []
    }

    /// The stored turns of the asset's chain, turn 0 first, read back by their fingerprints.
    static func storedTurns(_ project: CoreProject) throws -> [StoredEditTurn] {
        let inputs = try #require(try project.lock().assets["chart"]).inputs
        let cache = try project.cache()
        return try Fingerprint.turns(of: inputs).map { try #require(try cache.editTurn($0)) }
    }

    /// The stub's label in a PNG (its `Comment` text chunk): "turn N: instruction".
    static func label(_ png: Data?) -> String? {
        guard let png, let range = png.range(of: Data("tEXtComment\u{0}".utf8)) else { return nil }
        let length = png[(range.lowerBound - 4)..<range.lowerBound].reduce(0) { $0 << 8 | Int($1) }
        let start = range.upperBound
        return String(decoding: png[start..<(start + length - 8)], as: UTF8.self)
    }

    @Test func aThreeTurnChainReplaysEveryModelTurnVerbatimWithItsSignatures() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let project = try project(stub, edits: ["Translate it into Spanish.", "Make the title twice as large."])
        let report = try await project.generate()
        #expect(report.asset("chart")?.state == .generated, "\(report.asset("chart")?.error?.message ?? "")")
        let requests = stub.generateRequests
        #expect(requests.count == 3, "one call per turn")
        let turns = try Self.storedTurns(project)
        #expect(turns.map(\.turn) == [0, 1, 2])
        for (index, request) in requests.enumerated() {
            let contents = Self.contents(request)
            #expect(contents.count == 2 * index + 1, "every earlier user and model turn, then the new user turn")
            for earlier in 0..<index {
                let replayed = contents[2 * earlier + 1]
                #expect(replayed["role"] as? String == "model")
                #expect(
                    try ModelContent.encode(replayed) == turns[earlier].content, "byte-identical to the stored answer")
                let parts = (replayed["parts"] as? [[String: Any]]) ?? []
                #expect(parts.contains { $0["thought"] as? Bool == true }, "thought parts are replayed too")
                let images = parts.filter { $0["inlineData"] != nil && $0["thought"] as? Bool != true }
                #expect(!images.isEmpty && images.allSatisfy { $0["thoughtSignature"] is String })
            }
        }
        let output = project.folder.read("Images/chart.png")
        #expect(output.map(SHA256.hash) == turns[2].imageSHA256, "the output is the last turn's image")
        #expect(Self.label(output) == "turn 3: Make the title twice as large.")
        #expect(
            Self.label(try project.cache().blob(turns[0].imageSHA256))
                == "turn 1: An infographic of photosynthesis as a recipe")
    }

    @Test func changingAnEditRunsFromItRevertingCostsNothingAppendingRunsOneTurn() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let edits = ["Translate it into Spanish.", "Make the title larger.", "Warmer light."]
        let project = try project(stub, edits: edits)
        let fresh = try #require(try project.status().asset("chart")?.estimatedCostUSD)
        #expect(abs(fresh - 4 * 0.134) < 1e-9, "the estimate counts the four turns to run")
        try await project.generate()
        #expect(stub.generateRequests.count == 4)
        let original = project.folder.read("Images/chart.png")
        let before = try Self.storedTurns(project)

        project.rewrite("Make the title larger.", "Make the title smaller.")
        let status = try project.status()
        #expect(status.asset("chart")?.reasons.map(\.description) == ["edit turn 2 is stale: its text changed"])
        let estimate = try #require(status.asset("chart")?.estimatedCostUSD)
        #expect(abs(estimate - 2 * 0.134) < 1e-9, "two turns to run: edit 2 and edit 3")
        let changed = try await project.generate()
        #expect(changed.asset("chart")?.state == .generated)
        #expect(stub.generateRequests.count == 6, "edit 2 and edit 3 run again; turns 0 and 1 come from the cache")
        let resumed = Self.contents(stub.generateRequests[4])
        #expect(resumed.count == 5)
        #expect(try ModelContent.encode(resumed[3]) == before[1].content, "it starts from the stored turn 1")
        #expect(Self.label(project.folder.read("Images/chart.png")) == "turn 4: Warmer light.")

        project.rewrite("Make the title smaller.", "Make the title larger.")
        let reverted = try await project.generate()
        #expect(reverted.asset("chart")?.state == .restored)
        #expect(stub.generateRequests.count == 6, "reverting costs nothing")
        #expect(project.folder.read("Images/chart.png") == original)

        project.rewrite("      - \"Warmer light.\"\n", "      - \"Warmer light.\"\n      - \"Add a border.\"\n")
        try await project.generate()
        #expect(stub.generateRequests.count == 7, "appending an edit makes one call")
        #expect(Self.contents(stub.generateRequests[6]).count == 9)

        project.rewrite(
            "    edits:\n      - \"Translate it into Spanish.\"\n      - \"Make the title larger.\"\n      - \"Warmer light.\"\n      - \"Add a border.\"\n",
            "")
        let removed = try await project.generate()
        #expect(removed.asset("chart")?.state == .restored, "\(removed.asset("chart")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 7)
        #expect(project.folder.read("Images/chart.png").map(SHA256.hash) == before[0].imageSHA256, "turn 0's image")
    }

    @Test func aStoredTurnWithoutItsSignatureGetsTheServicesRefusalNamingTheTurnAndTheFix() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let project = try project(stub, edits: ["Translate it into Spanish.", "Make the title larger."])
        try await project.generate()
        let turns = try Self.storedTurns(project)
        // Tamper with the stored row of turn 1: its final image part loses its signature.
        var content = try #require(ModelContent.decode(turns[1].content))
        var parts = try #require(content["parts"] as? [[String: Any]])
        let image = try #require(parts.lastIndex { $0["inlineData"] != nil })
        parts[image]["thoughtSignature"] = nil
        content["parts"] = parts
        let damaged = String(decoding: try ModelContent.encode(content), as: UTF8.self)
        try project.cache().database.query(
            "UPDATE edit_turns SET content = ? WHERE fingerprint = ?",
            [.text(damaged), .text(turns[1].fingerprint.hex)])

        project.rewrite(
            "      - \"Make the title larger.\"\n", "      - \"Make the title larger.\"\n      - \"Add a border.\"\n")
        let report = try await project.generate()
        #expect(stub.generateRequests.count == 4, "one refused call")
        #expect(stub.generateRequests.last?.status == 400)
        let error = try #require(report.asset("chart")?.error)
        #expect(error.message.contains("edit turn 3 of 3"))
        #expect(error.message.contains("stored history"))
        #expect(
            error.message.contains(
                "Image part is missing a thought_signature in content position 4, part position \(image + 1)"))
        #expect(error.fix?.contains("cache verify") == true)

        // `cache verify` finds the damaged turn; --repair drops it and the turns after it; the chain is made again from turn 1.
        let verified = try project.cache().verify()
        #expect(verified.damagedTurns.map { "\($0.assetID) \($0.turn)" } == ["chart 1"])
        #expect(verified.damagedTurns.first?.problem.contains("lost its thought signature") == true)
        #expect(!verified.isHealthy)
        #expect(try project.cache().verify(repair: true).damagedTurns.count == 1)
        #expect(try project.cache().verify().isHealthy)
        let repaired = try await project.generate()
        #expect(repaired.asset("chart")?.state == .generated, "\(repaired.asset("chart")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 7, "turns 1 to 3 are made again; turn 0 comes from the cache")
    }

    /// The service's other answer to a damaged history: a 200 whose finish reason is MISSING_THOUGHT_SIGNATURE.
    @Test func aMissingSignatureFinishNamesTheTurnAndTheFix() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        stub.script(.finishReason("MISSING_THOUGHT_SIGNATURE"), times: 5, matching: "Make the title larger.")
        let project = try project(stub, edits: ["Translate it into Spanish.", "Make the title larger."])
        let report = try await project.generate()
        let error = try #require(report.asset("chart")?.error)
        #expect(error.message.contains("edit turn 2 of 2"), "\(error.message)")
        #expect(error.message.contains("stored history") && error.message.contains("MISSING_THOUGHT_SIGNATURE"))
        #expect(error.fix?.contains("cache verify") == true, "\(error.fix ?? "")")
    }

    @Test func aBlockedTurnFailsTheAssetThereAndKeepsTheEarlierTurns() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        stub.script(.finishReason("IMAGE_SAFETY"), times: 5, matching: "Make it gory.")
        let project = try project(stub, edits: ["Translate it into Spanish.", "Make it gory."])
        let report = try await project.generate()
        let error = try #require(report.asset("chart")?.error)
        #expect(error.message.contains("edit turn 2 of 2 failed") && error.message.contains("IMAGE_SAFETY"))
        #expect(!project.folder.exists("Images/chart.png"))
        #expect(stub.generateRequests.count == 3)
        project.rewrite("Make it gory.", "Make it calm.")
        let again = try await project.generate()
        #expect(again.asset("chart")?.state == .generated)
        #expect(stub.generateRequests.count == 4, "turns 0 and 1 stayed cached: only the new edit runs")
    }

    @Test func anAssetReferencingAChainGetsItsFinalImage() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let project = try project(
            stub, edits: ["Translate it into Spanish."],
            extra: """
                  - id: poster
                    output: Images/poster.png
                    prompt: "A poster around this chart"
                    references: [{asset: chart}]
                """)
        let report = try await project.generate()
        #expect(report.asset("poster")?.state == .generated, "\(report.asset("poster")?.error?.message ?? "")")
        let final = try #require(project.folder.read("Images/chart.png"))
        #expect(Self.label(final) == "turn 2: Translate it into Spanish.")
        let poster = try #require(stub.generateRequests.last { $0.prompt?.contains("poster") == true })
        let parts = (Self.contents(poster).last?["parts"] as? [[String: Any]]) ?? []
        let sent = parts.compactMap { ($0["inlineData"] as? [String: Any])?["data"] as? String }
        #expect(sent == [final.base64EncodedString()])
    }

    @Test func variantsOfAChainAskForTheLastTurnAgainFromTheSameHistory() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let project = try project(
            stub, edits: ["Translate it into Spanish."], extra: "    variants: 2\n    config: {seed: 5}\n")
        let report = try await project.generate()
        #expect(report.asset("chart")?.state == .generated, "\(report.asset("chart")?.error?.message ?? "")")
        #expect(stub.generateRequests.count == 3, "turn 0 once, the last turn once per variant")
        let turns = try Self.storedTurns(project)
        for request in stub.generateRequests.dropFirst() {
            let contents = Self.contents(request)
            try #require(contents.count == 3)
            #expect(try ModelContent.encode(contents[1]) == turns[0].content)
        }
        let fingerprint = try #require(try project.lock().assets["chart"]).fingerprint
        let variants = try project.cache().variants(of: fingerprint)
        #expect(variants.map(\.number) == [1, 2])
        #expect(Set(variants.map(\.result.blobSHA256)).count == 2)
    }

    /// `pick` chooses among a chain's variants: the output and the entry's answer become the picked one, at no
    /// call; the lock's last turn keeps its first answer, as Docs/Manifest.md says.
    @Test func pickChoosesAmongAChainsVariants() async throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        _ = try stub.start()
        defer { stub.stop() }
        let project = try project(
            stub, edits: ["Translate it into Spanish."], extra: "    variants: 2\n    config: {seed: 5}\n")
        try await project.generate()
        let fingerprint = try #require(try project.lock().assets["chart"]).fingerprint
        let variants = try project.cache().variants(of: fingerprint)
        let first = try #require(variants.first { $0.number == 1 })
        let second = try #require(variants.first { $0.number == 2 })
        let picked = try await VariantPicker.pick(
            context: try project.context(), id: "chart", variant: 2, commit: false)
        #expect(picked.changed && picked.picked == 2 && picked.variants == 2)
        #expect(project.folder.read("Images/chart.png").map(SHA256.hash) == second.result.blobSHA256)
        let entry = try #require(try project.lock().assets["chart"])
        #expect(entry.picked == 2 && entry.answerSHA256 == second.result.blobSHA256)
        #expect(entry.turns?.last?.imageSHA256 == first.result.blobSHA256, "the last turn's record: its first answer")
        #expect(try project.status().asset("chart")?.state == .fresh)
        #expect(stub.generateRequests.count == 3, "picking makes no call")
    }
}
