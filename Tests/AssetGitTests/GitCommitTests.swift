import AssetGit
import Foundation
import TestSupport
import Testing

@Suite struct GitCommitTests {
    func commit(_ repository: GitRepository, _ paths: [String], note: String? = "{\"ok\":true}\n") throws
        -> GitCommitOutcome
    {
        try repository.commit(paths: paths, message: { "generate-assets: \($0.count) files" }, note: { _ in note })
    }

    @Test func commitsOnlyTheGivenPathsAndKeepsStagedWorkStaged() throws {
        let folder = TemporaryDirectory()
        try GitCLI.makeRepository(folder)
        folder.write("staged.txt", "mine\n")
        try GitCLI.run(["add", "staged.txt"], in: folder.path)
        folder.write("README.md", "edited but not staged\n")
        folder.write("Images/a.png", TestImages.png(seed: 1))
        folder.write("assets.lock", "{}\n")
        let repository = try #require(try GitRepository.discover(at: folder.path))
        guard
            case .committed(let id, let paths, let fallback) = try commit(repository, ["Images/a.png", "assets.lock"])
        else {
            Issue.record("expected a commit")
            return
        }
        #expect(paths == ["Images/a.png", "assets.lock"] && !fallback)
        #expect(
            try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: folder.path)
                == "Images/a.png\nassets.lock\n")
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: folder.path) == id.hex + "\n")
        #expect(
            try GitCLI.run(["diff", "--cached", "--name-only"], in: folder.path) == "staged.txt\n",
            "still staged, not committed")
        #expect(
            Set(try GitCLI.run(["status", "--porcelain"], in: folder.path).split(separator: "\n")) == [
                "A  staged.txt", " M README.md",
            ])
        #expect(
            try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path) == "{\"ok\":true}\n")
        #expect(
            try GitCLI.run(["log", "-1", "--format=%an <%ae>"], in: folder.path) == "Ada Lovelace <ada@example.com>\n")
        try GitCLI.run(["fsck", "--strict"], in: folder.path)
    }

    @Test func unchangedPathsMakeNoEmptyCommit() throws {
        let folder = TemporaryDirectory()
        try GitCLI.makeRepository(folder)
        folder.write("a.png", TestImages.png(seed: 2))
        let repository = try #require(try GitRepository.discover(at: folder.path))
        _ = try commit(repository, ["a.png"])
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: folder.path)
        #expect(try commit(repository, ["a.png"]) == .nothingChanged)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: folder.path) == head)
    }

    @Test func unbornBranchGetsTheFirstCommit() throws {
        let folder = TemporaryDirectory()
        try GitCLI.makeRepository(folder, commit: false)
        folder.write("a.png", TestImages.png(seed: 3))
        let repository = try #require(try GitRepository.discover(at: folder.path))
        #expect(repository.isHeadUnborn)
        guard case .committed = try commit(repository, ["a.png"]) else {
            Issue.record("expected a commit")
            return
        }
        #expect(try GitCLI.run(["rev-list", "--count", "main"], in: folder.path) == "1\n")
        try GitCLI.run(["fsck", "--strict"], in: folder.path)
    }

    @Test func detachedHeadMovesDetached() throws {
        let folder = TemporaryDirectory()
        try GitCLI.makeRepository(folder)
        try GitCLI.run(["checkout", "-q", "--detach"], in: folder.path)
        folder.write("a.png", TestImages.png(seed: 4))
        let repository = try #require(try GitRepository.discover(at: folder.path))
        guard case .committed(let id, _, _) = try commit(repository, ["a.png"]) else {
            Issue.record("expected a commit")
            return
        }
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: folder.path) == id.hex + "\n")
        #expect(try GitCLI.run(["rev-list", "--count", "main"], in: folder.path) == "1\n", "the branch did not move")
    }

    @Test func statesAndHistory() throws {
        let folder = TemporaryDirectory()
        try GitCLI.makeRepository(folder)
        let repository = try #require(try GitRepository.discover(at: folder.url("")))
        #expect(repository.operationInProgress == nil)
        folder.write(".gitignore", "Secret/\n")
        #expect(repository.isIgnored("Secret/x.png"))
        #expect(!repository.isIgnored("Images/x.png"))
        for seed in [1, 2, 3] as [UInt8] {
            folder.write("a.png", TestImages.png(seed: seed))
            _ = try commit(repository, ["a.png"], note: "{\"v\":\(seed)}")
            folder.write("other.txt", "\(seed)")
            try GitCLI.run(["add", "other.txt"], in: folder.path)
            try GitCLI.run(["commit", "-q", "-m", "unrelated \(seed)"], in: folder.path)
        }
        let history = try repository.history(of: "a.png", from: try repository.resolve("HEAD"))
        #expect(history.count == 3)
        #expect(history.map(\.summary) == Array(repeating: "generate-assets: 1 files", count: 3))
        #expect(repository.note(on: history[0].id) == "{\"v\":3}")
        #expect(try repository.contents(of: "a.png", at: history[2].id) == TestImages.png(seed: 1))
        folder.write(".git/MERGE_HEAD", try GitCLI.run(["rev-parse", "HEAD"], in: folder.path))
        #expect(repository.operationInProgress == "a merge")
    }

    @Test func outsideARepositoryIsNil() throws {
        #expect(try GitRepository.discover(at: TemporaryDirectory().path) == nil)
    }
}
