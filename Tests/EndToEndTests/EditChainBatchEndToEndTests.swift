import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// An edit chain and an asset that uses it, through the built executable: one `generate --batch`, one
/// `batch wait`, a job per turn and then one for the downstream asset.
@Suite struct EditChainBatchEndToEndTests {
    let tool = ToolRunner()
    let key = "AIzaCHAIN-\(UUID().uuidString)"

    @Test func aChainGoesThroughBatchOneTurnPerRoundAndItsUserAfter() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .afterPolls(1)
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("edit-chain-batch")
        try GitCLI.makeRepository(folder)
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: gemini
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - id: poster
                output: Images/poster.png
                prompt: "A poster around this chart"
                references: [{asset: chart}]
              - id: chart
                output: Images/chart.png
                prompt: "An infographic of photosynthesis as a recipe"
                edits:
                  - "Translate it into Spanish."
                  - "Make the title larger."
            """)
        try GitCLI.run(["add", "-A"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        let env = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            "GENERATE_ASSETS_BATCH_POLL": "0.01",
        ]
        let submit = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.json?["rounds"] as? Int == 4, "three turns, then the poster")

        let waited = try tool.run(["batch", "wait", "--json"], in: folder.path, environment: env)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.json?["rounds"] as? Int == 4)
        #expect(stub.batches.map(\.keys) == [["chart"], ["chart"], ["chart"], ["poster"]])
        #expect(stub.generateRequests.isEmpty, "nothing synchronous")
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.ids(in: "fresh").count == 2, "\(status.stdout)")

        // The poster was sent the chain's final image.
        let chart = try #require(folder.read("Images/chart.png"))
        let last = try #require(stub.batchRequests.last?.body)
        #expect(String(decoding: last, as: UTF8.self).contains(chart.base64EncodedString()))
        // The lock and the note record every turn; the commits are the chain's round and the poster's.
        let lock = try #require(
            try JSONSerialization.jsonObject(with: folder.read("assets.lock") ?? Data()) as? [String: Any])
        let entry = ((lock["assets"] as? [String: Any])?["chart"] as? [String: Any]) ?? [:]
        let turns = (entry["turns"] as? [[String: Any]]) ?? []
        #expect(turns.map { $0["turn"] as? Int } == [0, 1, 2])
        #expect(turns.last?["image_sha256"] as? String == SHA256.hash(chart).hex)
        let subjects = try GitCLI.run(["log", "--format=%s"], in: folder.path).split(separator: "\n")
        #expect(
            subjects.prefix(2) == ["generate-assets: 1 asset (poster)", "generate-assets: 1 asset (chart)"],
            "\(subjects)")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD~1"], in: folder.path)
        #expect(note.contains("\"edits\"") && note.contains("Make the title larger."))
    }
}
