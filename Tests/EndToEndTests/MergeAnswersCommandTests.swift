import Foundation
import TestSupport
import Testing

/// `merge-answers`: two people who each stored answers meet through a remote, and the second push works.
@Suite struct MergeAnswersCommandTests {
    let tool = ToolRunner()
    static let answers = "refs/generate-assets/answers"
    static let tracking = "refs/generate-assets/remotes/origin/answers"

    func manifest(_ prompt: String) -> String {
        """
        version: 1
        defaults:
          model: gemini-nano-banana-2.1
        assets:
          - id: hero
            output: Images/hero.png
            prompt: "\(prompt)"
            variants: 2

        """
    }

    func run(_ arguments: [String], in folder: TemporaryDirectory) throws -> ToolRunner.Result {
        try tool.run(arguments, in: folder.path, environment: ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"])
    }

    func answerCount(_ folder: TemporaryDirectory, _ ref: String = answers) throws -> Int {
        try GitCLI.run(["ls-tree", "-r", "--name-only", ref], in: folder.path).split(separator: "\n").count
    }

    @Test func divergedAnswersMergeAndPush() throws {
        let remote = TemporaryDirectory("remote")
        try GitCLI.run(["init", "-q", "--bare", "-b", "main", remote.path], in: remote.path)
        let ada = TemporaryDirectory("ada")
        try GitCLI.makeRepository(ada)
        try GitCLI.run(["remote", "add", "origin", remote.path], in: ada.path)
        ada.write("assets.yml", manifest("A lantern"))
        try GitCLI.run(["add", "assets.yml"], in: ada.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: ada.path)
        #expect(try run(["--provider", "placeholder"], in: ada).status == 0)
        try GitCLI.run(["push", "-q", "origin", "HEAD", Self.answers], in: ada.path)

        let bo = TemporaryDirectory("bo")
        try GitCLI.run(["clone", "-q", remote.path, bo.path], in: remote.path)
        try GitCLI.run(["config", "user.name", "Bo"], in: bo.path)
        try GitCLI.run(["config", "user.email", "bo@example.com"], in: bo.path)
        try GitCLI.run(["fetch", "-q", "origin", "\(Self.answers):\(Self.answers)"], in: bo.path)

        // Each changes the prompt and stores two new answers.
        ada.write("assets.yml", manifest("A brass lantern"))
        #expect(try run(["--provider", "placeholder"], in: ada).status == 0)
        try GitCLI.run(["push", "-q", "origin", Self.answers], in: ada.path)
        bo.write("assets.yml", manifest("A paper lantern"))
        #expect(try run(["--provider", "placeholder"], in: bo).status == 0)
        #expect(try answerCount(bo) == 4)
        #expect(throws: (any Error).self) { try GitCLI.run(["push", "-q", "origin", Self.answers], in: bo.path) }

        let none = try run(["merge-answers"], in: bo)
        #expect(none.status == 1, "nothing fetched yet: \(none.stdout)")
        #expect(none.stderr.contains("git fetch origin '+\(Self.answers):\(Self.tracking)'"), "\(none.stderr)")

        try GitCLI.run(["fetch", "-q", "origin", "+\(Self.answers):\(Self.tracking)"], in: bo.path)
        let merged = try run(["merge-answers", "--json"], in: bo)
        #expect(merged.status == 0, "\(merged.stderr)")
        let items = try #require(merged.json?["refs"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["ref"] as? String == Self.tracking)
        #expect(items.first?["action"] as? String == "merged")
        #expect(items.first?["added"] as? Int == 2)
        #expect(try answerCount(bo) == 6)
        try GitCLI.run(["push", "-q", "origin", Self.answers], in: bo.path)

        try GitCLI.run(["fetch", "-q", "origin", "+\(Self.answers):\(Self.tracking)"], in: bo.path)
        let again = try run(["merge-answers"], in: bo)
        #expect(again.stdout == "\(Self.tracking): up to date\n", "\(again.stdout)")
        try GitCLI.run(["fsck", "--strict"], in: bo.path)
    }
}
