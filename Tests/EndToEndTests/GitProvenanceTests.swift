import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// `generate` in real git repositories, checked with the git command line.
@Suite struct GitProvenanceTests {
    let tool = ToolRunner()

    /// A repository holding the ten-asset project, its manifest committed.
    func repository(identity: Bool = true) throws -> TemporaryDirectory {
        let project = TenAssetProject.make()
        try GitCLI.makeRepository(project, identity: identity)
        try GitCLI.run(["add", "assets.yml", "Art"], in: project.path)
        try GitCLI.run(
            ["-c", "user.name=Setup", "-c", "user.email=setup@example.com", "commit", "-q", "-m", "manifest"],
            in: project.path)
        return project
    }

    func run(_ arguments: [String], in project: TemporaryDirectory, _ extra: [String: String] = [:]) throws
        -> ToolRunner.Result
    {
        var environment = ["HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1"]
        environment.merge(extra) { $1 }
        return try tool.run(arguments, in: project.path, environment: environment)
    }

    @Test func commitsOnlyOutputsAndLockWithAReadableNote() throws {
        let project = try repository()
        project.write("unrelated.txt", "staged by the user\n")
        try GitCLI.run(["add", "unrelated.txt"], in: project.path)
        let result = try run(["generate", "--json"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: project.path).split(
            separator: "\n"
        ).map(String.init)
        #expect(committed.count == 11 && committed.contains("assets.lock") && !committed.contains("unrelated.txt"))
        #expect(try GitCLI.run(["diff", "--cached", "--name-only"], in: project.path) == "unrelated.txt\n")
        #expect(
            try GitCLI.run(["log", "-1", "--format=%s"], in: project.path)
                == "generate-assets: 10 assets (a1, a2, a3, b1, b2, b3, c1, c2, and 2 more)\n")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: project.path)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(note.utf8)) as? [String: Any])
        let records = try #require(parsed["assets"] as? [[String: Any]])
        #expect(records.count == 10)
        let c2 = try #require(records.first { $0["id"] as? String == "c2" })
        for key in [
            "output", "output_sha256", "fingerprint", "provider", "placeholder", "model", "prompt", "config",
            "references", "cost_usd", "started_at", "finished_at", "tool_version",
        ] {
            #expect(c2[key] != nil, "\(key) missing from the note")
        }
        #expect((c2["references"] as? [[String: Any]])?.first?["asset"] as? String == "c1")
        #expect(try GitCLI.run(["log", "--notes=generate-assets", "-1"], in: project.path).contains("\"id\" : \"c2\""))
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: project.path).trimmingCharacters(in: .newlines)
        #expect((result.json?["git"] as? [String: Any])?["commit"] as? String == head)
        try GitCLI.run(["fsck", "--strict"], in: project.path)

        let again = try run(["generate"], in: project)
        #expect(again.status == 0)
        #expect(
            try GitCLI.run(["rev-list", "--count", "HEAD"], in: project.path) == "3\n",
            "nothing changed: no empty commit")
    }

    @Test func freshCloneIsAllFreshWithNoCallAndFallsBackToTheLock() throws {
        let canary = "AIzaCANARY-\(UUID().uuidString)"
        // The ten-asset project has a gemini-2.5-flash-image asset: the stub plays a proxy that still serves it.
        let stub = GeminiStub(options: .init(apiKey: canary, servesRetiredModels: true))
        let url = try stub.start()
        defer { stub.stop() }
        let env = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": canary]
        let project = try repository()
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "provider: placeholder\n", with: ""))
        try GitCLI.run(["commit", "-q", "-am", "use gemini"], in: project.path)
        #expect(try run(["generate", "--yes"], in: project, env).status == 0)
        let calls = stub.generateRequests.count
        #expect(calls == 10)

        let clones = TemporaryDirectory("clone")
        try GitCLI.run(["clone", "-q", project.path, clones.url("c")], in: clones.path)
        let clone = clones.url("c")
        let status = try tool.run(["status", "--check", "--json"], in: clone, environment: ["HOME": clones.path])
        #expect(status.status == 0, "all fresh from the lock alone: \(status.stdout)")
        let generate = try tool.run(
            ["generate", "--json"], in: clone, environment: env.merging(["HOME": clones.path]) { $1 })
        #expect(generate.ids(in: "fresh").count == 10)
        #expect(stub.generateRequests.count == calls, "no provider call from the clone")

        let withoutNotes = try tool.run(["show", "c3"], in: clone, environment: ["HOME": clones.path])
        #expect(withoutNotes.status == 0)
        #expect(withoutNotes.stdout.contains("prompt:       chain three"))
        #expect(withoutNotes.stderr.contains("git fetch origin refs/notes/generate-assets:refs/notes/generate-assets"))
        try GitCLI.run(["fetch", "-q", "origin", "refs/notes/generate-assets:refs/notes/generate-assets"], in: clone)
        let withNotes = try tool.run(["show", "c3", "--json"], in: clone, environment: ["HOME": clones.path])
        let version = ((withNotes.json?["versions"] as? [[String: Any]])?.first) ?? [:]
        #expect(version["source"] as? String == "note")
        #expect(((version["record"] as? [String: Any])?["model_version"] as? String) == "gemini-3.1-flash-image")
        #expect((((version["record"] as? [String: Any])?["cost_usd"] as? Double) ?? 0) > 0)
        for text in [
            try GitCLI.run(["log", "--notes=generate-assets", "-p"], in: project.path),
            try GitCLI.run(["cat-file", "--batch-all-objects", "--batch"], in: project.path),
        ] {
            #expect(!text.contains(canary), "the key is nowhere in git")
        }
    }

    @Test func logShowsThreePromptRevisionsWithTheirDiffs() throws {
        let project = try repository()
        var manifest = TenAssetProject.manifest
        #expect(try run(["generate", "--only", "b2"], in: project).status == 0)
        for prompt in ["no references, in blue", "no references, in blue and gold"] {
            manifest = manifest.replacingOccurrences(
                of: manifest.contains("in blue\"") ? "no references, in blue\"" : "no references\"", with: prompt + "\""
            )
            project.write("assets.yml", manifest)
            #expect(try run(["generate", "--only", "b2"], in: project).status == 0)
        }
        let log = try run(["log", "b2", "--json"], in: project)
        let versions = try #require(log.json?["versions"] as? [[String: Any]])
        #expect(versions.count == 3)
        #expect(
            versions.map { $0["changes"] as? [String] ?? [] } == [
                ["prompt changed"], ["prompt changed"], ["first version"],
            ])
        #expect(versions[0]["prompt_before"] as? String == "no references, in blue")
        #expect((versions[0]["record"] as? [String: Any])?["prompt"] as? String == "no references, in blue and gold")
        let text = try run(["log", "b2"], in: project)
        #expect(text.stdout.contains("- no references, in blue\n"))
        #expect(text.stdout.contains("+ no references, in blue and gold"))
        #expect(text.stdout.contains("Ada Lovelace <ada@example.com>"))
        for command in ["show", "log"] {
            let unknown = try run([command, "b22"], in: project)
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr.contains(
                    "'b22' is neither an asset id nor a file with a committed version in the project"),
                "\(unknown.stderr)")
            #expect(unknown.stderr.contains("did you mean 'b2'?"))
        }
    }

    /// A merge that takes an image from a branch is not a version of its own: `show` and `log` lead to the
    /// branch's commit, whose note says what made the image.
    @Test func aMergeIsNotAVersion() throws {
        let project = try repository()
        #expect(try run(["generate", "--provider", "placeholder"], in: project).status == 0)
        let main = try GitCLI.run(["rev-parse", "--abbrev-ref", "HEAD"], in: project.path)
            .trimmingCharacters(in: .newlines)
        try GitCLI.run(["checkout", "-q", "-b", "feature"], in: project.path)
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"one, in blue\""))
        try GitCLI.run(["commit", "-q", "-am", "bluer"], in: project.path)
        #expect(try run(["generate", "--provider", "placeholder", "--only", "a1"], in: project).status == 0)
        let branchCommit = try GitCLI.run(["rev-parse", "HEAD"], in: project.path).trimmingCharacters(in: .newlines)
        try GitCLI.run(["checkout", "-q", main], in: project.path)
        project.write("notes.txt", "unrelated\n")
        try GitCLI.run(["add", "notes.txt"], in: project.path)
        try GitCLI.run(["commit", "-q", "-m", "unrelated"], in: project.path)
        try GitCLI.run(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"], in: project.path)

        let log = try run(["log", "a1", "--json"], in: project)
        let versions = try #require(log.json?["versions"] as? [[String: Any]], "\(log.stderr)")
        #expect(versions.count == 2, "the first version and the branch's; not the merge")
        #expect(versions.first?["commit"] as? String == branchCommit)
        let show = try run(["show", "a1", "--json"], in: project)
        let version = (show.json?["versions"] as? [[String: Any]])?.first
        #expect(
            version?["commit"] as? String == branchCommit && version?["source"] as? String == "note", "\(show.stdout)")
    }

    /// Images made from a manifest edit that is not committed: the commit is made, and the warning says to
    /// commit the manifest too.
    @Test func anUncommittedManifestIsPointedOut() throws {
        let project = try repository()
        #expect(try run(["generate", "--provider", "placeholder"], in: project).status == 0)
        let clean = try run(["generate", "--provider", "placeholder"], in: project)
        #expect(!clean.stderr.contains("has changes that are not committed"))
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"one, again\""))
        let edited = try run(["generate", "--provider", "placeholder"], in: project)
        #expect(edited.status == 0)
        #expect(edited.stderr.contains("assets.yml has changes that are not committed"), "\(edited.stderr)")
        #expect(edited.stderr.contains("commit assets.yml too"))
    }

    @Test func repositoryStates() throws {
        // Outside a repository: generated, one warning.
        let plain = TenAssetProject.make()
        let outside = try run(["generate"], in: plain)
        #expect(outside.status == 0)
        #expect(outside.stderr.contains("not in a git repository"))

        // --no-commit.
        let quiet = try repository()
        #expect(try run(["generate", "--no-commit"], in: quiet).status == 0)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: quiet.path) == "2\n")

        // A merge in progress: refuse to commit, with a message.
        let merging = try repository()
        quiet.write("x", "")
        merging.write(".git/MERGE_HEAD", try GitCLI.run(["rev-parse", "HEAD"], in: merging.path))
        let refused = try run(["generate"], in: merging)
        #expect(refused.stderr.contains("a merge is in progress"))
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: merging.path) == "2\n")

        // Ignored outputs: a warning, and they stay out of the commit.
        let ignoring = try repository()
        ignoring.write(".gitignore", "Images/chain/\n")
        let ignored = try run(["generate"], in: ignoring)
        #expect(ignored.stderr.contains("Images/chain/c1.png is ignored by .gitignore"))
        #expect(!(try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: ignoring.path)).contains("chain"))

        // Detached HEAD.
        let detached = try repository()
        try GitCLI.run(["checkout", "-q", "--detach"], in: detached.path)
        #expect(try run(["generate"], in: detached).status == 0)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: detached.path) == "3\n")
        #expect(try GitCLI.run(["rev-list", "--count", "main"], in: detached.path) == "2\n")

        // Unborn branch and no identity: a first commit under the fallback name, with a warning.
        let unborn = TenAssetProject.make()
        try GitCLI.makeRepository(unborn, identity: false, commit: false)
        let first = try run(["generate"], in: unborn)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("no user.name/user.email"))
        #expect(try GitCLI.run(["log", "-1", "--format=%an"], in: unborn.path) == "generate-assets\n")
        for folder in [merging, ignoring, detached, unborn] { try GitCLI.run(["fsck", "--strict"], in: folder.path) }
    }

    @Test func handEditsAreKeptThenForced() throws {
        let project = try repository()
        #expect(try run(["generate"], in: project).status == 0)
        project.write("Images/b2.png", TestImages.png(width: 3, height: 3, seed: 9))
        let status = try run(["status", "--json"], in: project)
        #expect((status.json?["totals"] as? [String: Int])?["modified"] == 1)
        let kept = try run(["generate"], in: project)
        #expect(kept.status == 0, "an edit is not a failure")
        #expect(kept.stdout.contains("1 edited by hand and kept"), "\(kept.stdout)")
        #expect(
            try GitCLI.run(["status", "--porcelain"], in: project.path) == " M Images/b2.png\n",
            "the edit is neither committed nor lost")
        let forced = try run(["generate", "--force", "--only", "b2"], in: project)
        #expect(forced.status == 0)
        #expect(try GitCLI.run(["status", "--porcelain"], in: project.path) == "", "restored to the committed image")
    }
}
