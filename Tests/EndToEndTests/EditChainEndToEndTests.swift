import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// An edit chain through the built executable against the stub: the note, `show` and `log` list every turn.
@Suite struct EditChainEndToEndTests {
    let tool = ToolRunner()
    let key = "edit-chain-e2e-key"

    @Test func theNoteShowAndLogListEveryTurn() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = try Self.chartRepository(
            "edit-chain-e2e",
            edits: """
                  - "Translate it into Spanish."
                  - prompt: "Make the title larger."
                    config: {aspect_ratio: "16:9"}
                """)
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes"], in: folder.path, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(stub.generateRequests.count == 3)
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path)
        let record = try #require(
            ((try JSONSerialization.jsonObject(with: Data(note.utf8)) as? [String: Any])?["assets"] as? [[String: Any]])?
                .first)
        let turns = try #require(record["edits"] as? [[String: Any]])
        #expect(turns.map { $0["prompt"] as? String } == ["Translate it into Spanish.", "Make the title larger."])
        #expect(turns.allSatisfy { ($0["answer_sha256"] as? String)?.count == 64 && $0["cost_usd"] is Double })
        #expect((turns[1]["config"] as? [String: String])?["aspect_ratio"] == "16:9")

        let show = try tool.run(["show", "chart"], in: folder.path)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("turns:        3 (turn 0 is the prompt"))
        #expect(show.stdout.contains("turn 1:     Translate it into Spanish."))
        #expect(show.stdout.contains("turn 2:     Make the title larger."))
        #expect(show.stdout.contains("aspect_ratio=16:9"))

        let manifest = String(decoding: folder.read("assets.yml") ?? Data(), as: UTF8.self)
        folder.write(
            "assets.yml", manifest.replacingOccurrences(of: "Make the title larger.", with: "Make the title smaller."))
        let again = try tool.run(
            ["generate", "--provider", "gemini", "--yes"], in: folder.path, environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(stub.generateRequests.count == 4, "only edit 2 runs again")
        let log = try tool.run(["log", "chart"], in: folder.path)
        #expect(log.stdout.contains("edit turn 2 is stale: its text changed"), "\(log.stdout)")
        #expect(log.stdout.contains("edit turn 2:"))
        #expect(log.stdout.contains("- Make the title larger.") && log.stdout.contains("+ Make the title smaller."))
    }

    /// The review page's filmstrip gives each turn its cost, as the lock records it.
    @Test func theFilmstripShowsEachTurnsCost() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = try Self.chartRepository(
            "edit-chain-costs", edits: "  - \"Translate it into Spanish.\"\n  - \"Make the title larger.\"")
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "HOME": folder.path]
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--report", "--json"], in: folder.path,
            environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: try #require(run.json?["report"] as? String), encoding: .utf8)
        let lockData = try #require(folder.read("assets.lock"))
        let lock = try #require(try JSONSerialization.jsonObject(with: lockData) as? [String: Any])
        let turns = try #require(
            ((lock["assets"] as? [String: Any])?["chart"] as? [String: Any])?["turns"] as? [[String: Any]])
        #expect(turns.count == 3)
        for turn in turns {
            let number = turn["turn"] as? Int ?? -1
            let cost = String(format: "$%.3f", turn["cost_usd"] as? Double ?? -1)
            let label = number == 0 ? "Turn 0 · prompt" : "Turn \(number)"
            #expect(page.contains("<strong>\(label)</strong> · \(cost)"), "\(label) at \(cost)")
        }
    }
}

extension EditChainEndToEndTests {
    /// A git repository whose manifest has one asset, `chart`: a Flash Image chain at 512 px with `edits`
    /// (YAML list items, `- …` at the left margin; indented here under the asset's `edits:` key).
    static func chartRepository(_ label: String, edits: String) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory(label)
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", chartManifest(edits: edits.split(separator: "\n").map(String.init)))
        return folder
    }

    /// The chart asset with `edits` (YAML list items, `- "…"`).
    static func chartManifest(edits: [String]) -> String {
        """
        version: 1
        assets:
          - id: chart
            output: Images/chart.png
            prompt: "An infographic of photosynthesis as a recipe"
            config: {model: gemini-3.1-flash-image, image_size: "512"}
            edits:

        """ + edits.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
