import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A clone with no cache keeps an edit chain's turns from git (the answers ref): changing or appending one
/// edit pays for that turn only, and the turns it replays are the stored answers, signatures included.
@Suite struct EditChainCloneTests {
    let tool = ToolRunner()
    let key = "edit-chain-clone-key"

    func manifest(_ edits: [String]) -> String {
        EditChainEndToEndTests.chartManifest(edits: edits.map { "  - \"\($0)\"" })
    }

    /// The model turns a request replays, as sent.
    func replayedModelTurns(_ request: RecordedRequest) -> [String] {
        let contents = (request.json?["contents"] as? [[String: Any]]) ?? []
        return contents.filter { $0["role"] as? String == "model" }.map { content in
            String(
                decoding: (try? JSONSerialization.data(withJSONObject: content, options: .sortedKeys)) ?? Data(),
                as: UTF8.self)
        }
    }

    @Test func aCloneChangesTheLastEditForOneCallAndAppendsOneForOne() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let remote = TemporaryDirectory("edit-chain-remote")
        try GitCLI.run(["init", "-q", "--bare", "-b", "main", remote.path], in: remote.path)
        let ada = TemporaryDirectory("edit-chain-ada")
        try GitCLI.makeRepository(ada)
        try GitCLI.run(["remote", "add", "origin", remote.path], in: ada.path)
        ada.write("assets.yml", manifest(["Translate it into Spanish.", "Make the title larger."]))
        let made = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--commit-manifest"], in: ada.path, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(stub.generateRequests.count == 3)
        let turn2Replayed = replayedModelTurns(stub.generateRequests[2])
        try GitCLI.run(
            ["push", "-q", "origin", "HEAD", "refs/generate-assets/answers", "refs/notes/generate-assets"],
            in: ada.path)

        let bo = TemporaryDirectory("edit-chain-bo")
        try GitCLI.run(["clone", "-q", remote.path, bo.path], in: remote.path)
        try GitCLI.run(["config", "user.name", "Bo"], in: bo.path)
        try GitCLI.run(["config", "user.email", "bo@example.com"], in: bo.path)
        // Change the last edit. Without the answers ref, the whole chain is planned: three turns.
        bo.write("assets.yml", manifest(["Translate it into Spanish.", "Make the title smaller."]))
        func estimate() throws -> Double {
            let plan = try tool.run(["status", "--json"], in: bo.path, environment: environment)
            return plan.json?["estimated_cost_usd"] as? Double ?? -1
        }
        let wholeChain = try estimate()
        try GitCLI.run(
            [
                "fetch", "-q", "origin", "refs/notes/generate-assets:refs/notes/generate-assets",
                "refs/generate-assets/answers:refs/generate-assets/answers",
            ], in: bo.path)
        // With it, turns 0 and 1 come from git: one turn planned, then paid for.
        let oneTurn = try estimate()
        #expect(oneTurn > 0 && abs(oneTurn * 3 - wholeChain) < 1e-9, "\(oneTurn) of \(wholeChain)")
        let before = stub.generateRequests.count
        let changed = try tool.run(
            ["generate", "--provider", "gemini", "--yes"], in: bo.path, environment: environment)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(stub.generateRequests.count == before + 1, "one turn paid for, not the chain: \(changed.stderr)")
        let replayed = replayedModelTurns(try #require(stub.generateRequests.last))
        #expect(replayed.count == 2)
        #expect(replayed == turn2Replayed, "the stored answers replayed byte for byte, signatures included")

        // Append an edit: one call more.
        bo.write(
            "assets.yml", manifest(["Translate it into Spanish.", "Make the title smaller.", "Add a legend."]))
        let appended = try tool.run(
            ["generate", "--provider", "gemini", "--yes"], in: bo.path, environment: environment)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(stub.generateRequests.count == before + 2)
    }
}
