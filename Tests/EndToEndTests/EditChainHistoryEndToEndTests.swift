import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Where a clone has no notes, `show` reads an edit chain's turns, answers and costs from `assets.lock`.
@Suite struct EditChainHistoryEndToEndTests {
    let tool = ToolRunner()
    let key = "edit-chain-history-key"

    @Test func showWithoutNotesReadsEveryTurnsAnswerFromTheLock() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = try EditChainEndToEndTests.chartRepository(
            "edit-chain-history",
            edits: """
                  - "Translate it into Spanish."
                  - "Make the title larger."
                """)
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes"], in: folder.path, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let noted = try tool.run(["show", "chart", "--json"], in: folder.path)
        // A clone without the notes ref and without the cache.
        try GitCLI.run(["update-ref", "-d", "refs/notes/generate-assets"], in: folder.path)
        try FileManager.default.removeItem(atPath: folder.url(".generate-assets"))
        let locked = try tool.run(["show", "chart", "--json"], in: folder.path)
        #expect(locked.status == 0, "\(locked.stderr)")
        func turns(_ json: [String: Any]?) -> [[String: Any]] {
            let version = (json?["versions"] as? [[String: Any]])?.first
            return ((version?["record"] as? [String: Any])?["edits"] as? [[String: Any]]) ?? []
        }
        let source = { (json: [String: Any]?) in (json?["versions"] as? [[String: Any]])?.first?["source"] as? String }
        #expect(source(noted.json) == "note" && source(locked.json) == "lock")
        let fromLock = turns(locked.json)
        let fromNote = turns(noted.json)
        #expect(fromLock.count == 2)
        for field in ["answer_sha256", "image_sha256", "model_version", "cost_usd"] {
            #expect(fromLock.allSatisfy { $0[field] != nil }, "\(field) from the lock")
            #expect(
                fromLock.map { "\($0[field] ?? "")" } == fromNote.map { "\($0[field] ?? "")" },
                "\(field) as the note has it")
        }
        let usage = { (turns: [[String: Any]]) in turns.map { $0["usage"] as? [String: Int] } }
        #expect(usage(fromLock) == usage(fromNote) && usage(fromLock).allSatisfy { $0?["totalTokens"] ?? 0 > 0 })
    }
}
