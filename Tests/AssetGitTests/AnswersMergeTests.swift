import AssetGit
import Foundation
import TestSupport
import Testing

/// Two clones that each store answers, then meet through a bare remote.
@Suite struct AnswersMergeTests {
    /// Answers named as the tool names them; the test's own names stand in for SHA-256s.
    let bytes: [String: Data] = [
        "aa01": Data("first answer".utf8), "bb02": Data("second answer, made by Ada".utf8),
        "cc03": Data("third answer, made by Bo".utf8),
    ]

    func accepts(_ name: String, _ data: Data) -> Bool { bytes[name] == data }

    func store(_ names: Set<String>, in folder: TemporaryDirectory) throws {
        let repository = try #require(try GitRepository.discover(at: folder.path))
        try repository.storeAnswers(names) { bytes[$0] }
    }

    func git(_ arguments: [String], _ folder: TemporaryDirectory) throws -> String {
        try GitCLI.run(arguments, in: folder.path)
    }

    /// A bare remote, Ada's clone with answer aa01 pushed, and Bo's clone that fetched it.
    func twoClones() throws -> (remote: TemporaryDirectory, ada: TemporaryDirectory, bo: TemporaryDirectory) {
        let remote = TemporaryDirectory()
        try GitCLI.run(["init", "-q", "--bare", remote.path], in: remote.path)
        let ada = TemporaryDirectory()
        try GitCLI.makeRepository(ada)
        _ = try git(["remote", "add", "origin", remote.path], ada)
        try store(["aa01"], in: ada)
        _ = try git(["push", "-q", "origin", "HEAD", GitRepository.answersRef], ada)
        let bo = TemporaryDirectory()
        _ = try GitCLI.run(["clone", "-q", remote.path, bo.path], in: remote.path)
        _ = try git(["config", "user.name", "Bo"], bo)
        _ = try git(["config", "user.email", "bo@example.com"], bo)
        _ = try git(["fetch", "-q", "origin", "\(GitRepository.answersRef):\(GitRepository.answersRef)"], bo)
        return (remote, ada, bo)
    }

    @Test func divergedRefsMergeIntoTheirUnionAndThePushIsAFastForward() throws {
        let (remote, ada, bo) = try twoClones()
        defer { withExtendedLifetime(remote) {} }
        try store(["bb02"], in: ada)
        _ = try git(["push", "-q", "origin", GitRepository.answersRef], ada)
        try store(["cc03"], in: bo)
        // Bo's plain push is refused: the refs diverged.
        #expect(throws: (any Error).self) { try git(["push", "-q", "origin", GitRepository.answersRef], bo) }

        let tracking = GitRepository.remoteAnswersRef("origin")
        _ = try git(["fetch", "-q", "origin", "+\(GitRepository.answersRef):\(tracking)"], bo)
        let repository = try #require(try GitRepository.discover(at: bo.path))
        #expect(try repository.remoteAnswersRefs() == [tracking])
        #expect(repository.answer("bb02") == bytes["bb02"], "read from the fetched ref before any merge")

        #expect(try repository.mergeAnswers(from: tracking, accepts: accepts) == .merged(added: 1))
        let merged = try git(["rev-list", "--parents", "-1", GitRepository.answersRef], bo)
        #expect(merged.split(separator: " ").count == 3, "a merge commit with both refs as parents: \(merged)")
        let paths = try git(["ls-tree", "-r", "--name-only", GitRepository.answersRef], bo)
        #expect(paths == "aa/aa01\nbb/bb02\ncc/cc03\n")
        _ = try git(["update-ref", "-d", tracking], bo)
        for name in ["aa01", "bb02", "cc03"] { #expect(repository.answer(name) == bytes[name]) }

        _ = try git(["push", "-q", "origin", GitRepository.answersRef], bo)
        _ = try git(["fetch", "-q", "origin", "+\(GitRepository.answersRef):\(tracking)"], bo)
        #expect(try repository.mergeAnswers(from: tracking, accepts: accepts) == .upToDate)

        // Ada had nothing Bo lacks: hers moves forward to Bo's merge.
        _ = try git(["fetch", "-q", "origin", "+\(GitRepository.answersRef):\(tracking)"], ada)
        let hers = try #require(try GitRepository.discover(at: ada.path))
        #expect(try hers.mergeAnswers(from: tracking, accepts: accepts) == .fastForward(added: 1))
        #expect(
            try git(["rev-parse", GitRepository.answersRef], ada)
                == (try git(["rev-parse", GitRepository.answersRef], bo)))
        _ = try git(["fsck", "--strict"], ada)
        _ = try git(["fsck", "--strict"], bo)
    }

    @Test func aCloneWithoutTheRefTakesTheirs() throws {
        let (_, ada, _) = try twoClones()
        let fresh = TemporaryDirectory()
        try GitCLI.makeRepository(fresh)
        _ = try git(
            ["fetch", "-q", ada.path, "+\(GitRepository.answersRef):refs/generate-assets/remotes/ada/answers"], fresh)
        let repository = try #require(try GitRepository.discover(at: fresh.path))
        #expect(
            try repository.mergeAnswers(from: "refs/generate-assets/remotes/ada/answers", accepts: accepts)
                == .fastForward(added: 1))
        #expect(try git(["ls-tree", "-r", "--name-only", GitRepository.answersRef], fresh) == "aa/aa01\n")
    }

    @Test func anAnswerWhoseBytesDoNotMatchItsNameStopsTheMerge() throws {
        let (_, _, bo) = try twoClones()
        // Ada's ref names a blob that is not the answer of that name.
        let forged = TemporaryDirectory()
        try GitCLI.makeRepository(forged)
        try GitRepository.discover(at: forged.path)!.storeAnswers(["bb02"]) { _ in Data("not it".utf8) }
        _ = try git(
            ["fetch", "-q", forged.path, "+\(GitRepository.answersRef):refs/generate-assets/remotes/forged/answers"], bo
        )
        try store(["cc03"], in: bo)
        let before = try git(["rev-parse", GitRepository.answersRef], bo)
        let repository = try #require(try GitRepository.discover(at: bo.path))
        #expect(throws: GitError.self) {
            try repository.mergeAnswers(from: "refs/generate-assets/remotes/forged/answers", accepts: accepts)
        }
        #expect(try git(["rev-parse", GitRepository.answersRef], bo) == before, "the ref did not move")
    }
}
