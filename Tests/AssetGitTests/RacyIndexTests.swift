import AssetGit
import Foundation
import TestSupport
import Testing

/// The index the tool writes after a commit never hides a user's edit from git.
@Suite struct RacyIndexTests {
    /// Sets a file's modification time (seconds since 1970, to the microsecond).
    func setModified(_ folder: TemporaryDirectory, _ path: String, _ time: Double) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: time)], ofItemAtPath: folder.url(path))
    }

    /// A fast run, laid out with explicit times instead of a fast clock: the manifest is committed, then
    /// edited to the same size within the same second as its index entry's mtime and before the index was
    /// written again, and the tool commits an output. git compares mtimes to the second, so once the index is
    /// newer it trusts the stale entry unless the writer marked it: the edit must still show.
    /// `core.trustctime false` stands in for the ctime a fast run gives the edit (the same second as the
    /// entry's). Killed by removing the `smudgeRacilyClean` call (`git status` then shows nothing).
    @Test func aSameSizeEditInTheSameSecondStaysVisibleToGit() throws {
        let folder = TemporaryDirectory("racy-index")
        try GitCLI.makeRepository(folder)
        try GitCLI.run(["config", "core.trustctime", "false"], in: folder.path)
        let second = 1_767_261_600.0
        folder.write("assets.yml", "style: Warm ink\n")
        try setModified(folder, "assets.yml", second + 0.2)
        try GitCLI.run(["add", "assets.yml"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        try setModified(folder, ".git/index", second + 0.4)
        folder.write("assets.yml", "style: Cool ink\n")
        try setModified(folder, "assets.yml", second + 0.6)
        folder.write("Images/a.png", TestImages.png(seed: 3))

        let repository = try #require(try GitRepository.discover(at: folder.path))
        let outcome = try repository.commit(
            paths: ["Images/a.png"], message: { _ in "generate-assets: a" }, note: { _ in nil })
        guard case .committed = outcome else {
            Issue.record("expected a commit, got \(outcome)")
            return
        }
        #expect(try GitCLI.run(["status", "--porcelain"], in: folder.path) == " M assets.yml\n")
        #expect(try GitCLI.run(["diff", "--name-only"], in: folder.path) == "assets.yml\n")
        try GitCLI.run(["commit", "-q", "-am", "cooler"], in: folder.path)
        #expect(try GitCLI.run(["show", "HEAD:assets.yml"], in: folder.path) == "style: Cool ink\n")
        #expect(try GitCLI.run(["status", "--porcelain"], in: folder.path).isEmpty)
    }
}
