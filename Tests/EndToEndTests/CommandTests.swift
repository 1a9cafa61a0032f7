import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct CommandTests {
    let tool = ToolRunner()

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let project = TenAssetProject.make()
        let before = project.listing()
        let result = try tool.run(["generate", "--dry-run", "--json"], in: project.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json?["dry_run"] as? Bool == true)
        #expect(result.ids(in: "stale").count == 10)
        #expect(project.listing() == before, "no cache, lock or image")
    }

    @Test func onlySelectsAssetsAndWhatTheyDependOn() throws {
        let project = TenAssetProject.make()
        let result = try tool.run(["generate", "--only", "c3", "b2", "--json"], in: project.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(result.states.keys) == ["c1", "c2", "c3", "b2"])
        #expect(!project.exists("Images/a1.png"))
        let status = try tool.run(["status", "--json"], in: project.path)
        #expect(status.ids(in: "fresh") == ["c1", "c2", "c3", "b2"])
        let unknown = try tool.run(["generate", "--only", "c33"], in: project.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'c3'?"))
    }

    @Test func jsonContract() throws {
        let project = TenAssetProject.make()
        let generated = try tool.run(["generate", "--json"], in: project.path)
        let report = try #require(generated.json)
        #expect(report["command"] as? String == "generate")
        let assets = try #require(report["assets"] as? [[String: Any]])
        #expect(assets.count == 10)
        for asset in assets {
            #expect(
                asset["id"] is String && asset["output"] is String && asset["state"] is String
                    && asset["reasons"] is [String])
        }
        #expect((report["totals"] as? [String: Int])?["generated"] == 10)
        #expect(generated.stats["files_hashed"] is Int)
        #expect(
            generated.stderr.split(separator: "\n").filter { $0.hasPrefix("generated") }.count == 10,
            "one progress line per asset on stderr")
        let status = try #require(try tool.run(["status", "--json"], in: project.path).json)
        #expect((status["assets"] as? [[String: Any]])?.allSatisfy { $0["state"] as? String == "fresh" } == true)
        #expect((status["totals"] as? [String: Int])?["placeholders"] == 10)
    }

    @Test func handEditedOutputsAreNotOverwrittenWithoutForce() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let edited = TestImages.png(width: 5, height: 5, seed: 77)
        project.write("Images/b2.png", edited)
        let status = try tool.run(["status", "--json"], in: project.path)
        #expect(
            status.reasons("b2") == [
                "output modified since it was generated",
                "edited by hand: kept as it is, at no cost; delete the file to get the generated image back at no cost, or keep your edit with 'generate-assets accept b2'",
            ])
        let kept = try tool.run(["generate", "--json"], in: project.path)
        #expect(kept.status == 0, "an edit is not a failure")
        #expect(kept.states["b2"] == "stale")
        #expect(kept.stats["provider_calls"] as? Int == 0)
        #expect(kept.ids(in: "fresh").count == 9, "the other assets are untouched")
        #expect(project.read("Images/b2.png") == edited, "the edit survives")
        let forced = try tool.run(["generate", "--force", "--only", "b2", "--json"], in: project.path)
        #expect(forced.states["b2"] == "generated", "--force makes a new variant")
        #expect(project.read("Images/b2.png") != edited)
        project.write("Images/b2.png", edited)
        try FileManager.default.removeItem(atPath: project.url("Images/b2.png"))
        let restored = try tool.run(["generate", "--only", "b2", "--json"], in: project.path)
        #expect(
            restored.states["b2"] == "restored" && restored.stats["provider_calls"] as? Int == 0,
            "a deleted output comes back at no cost")
    }

    @Test func missingOutputIsRestoredFromTheCache() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        try FileManager.default.removeItem(atPath: project.url("Images/a3.png"))
        let result = try tool.run(["generate", "--json"], in: project.path)
        #expect(result.states["a3"] == "restored")
        #expect(result.reasons("a3") == ["output missing"])
        #expect(result.stats["provider_calls"] as? Int == 0)
    }

    @Test func interruptedRunIsRecognisedFromTheCache() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        // As if killed after writing images but before the lock: the outputs match cached results.
        try FileManager.default.removeItem(atPath: project.url("assets.lock"))
        let result = try tool.run(["generate", "--json"], in: project.path)
        #expect(result.status == 0)
        #expect(result.ids(in: "fresh").count == 10)
        #expect(result.stats["provider_calls"] as? Int == 0)
        #expect(project.exists("assets.lock"))
    }

    @Test func initCreatesAManifestThatWorks() throws {
        let folder = TemporaryDirectory()
        #expect(try tool.run(["init"], in: folder.path).status == 0)
        #expect(try tool.run(["init"], in: folder.path).status == 1, "never overwrites")
        #expect(try tool.run(["validate"], in: folder.path).status == 0)
        let generated = try tool.run(["generate", "--json"], in: folder.path)
        #expect(generated.ids(in: "generated") == ["logo", "hero"])
    }

    @Test func cacheCommands() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let stats = try tool.run(["cache", "stats", "--json"], in: project.path)
        #expect((stats.json?["blobs"] as? Int) == 10)
        #expect(try tool.run(["cache", "verify"], in: project.path).status == 0)
        let gc = try tool.run(["cache", "gc", "--keep-days", "0"], in: project.path)
        #expect(gc.status == 0)
        #expect(gc.stdout.contains("nothing to collect"), "every blob is in use")
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"uno\""))
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let refused = try tool.run(["cache", "gc", "--keep-days", "0"], in: project.path)
        #expect(refused.status == 1, "no terminal and no --yes: it does not delete paid images")
        #expect(refused.stderr.contains("--yes"))
        let deleted = try tool.run(["cache", "gc", "--keep-days", "0", "--yes", "--json"], in: project.path)
        #expect((deleted.json?["blobs"] as? [String])?.count == 1)
    }

    @Test func secondRunWithNoWaitFailsWhileTheProjectIsLocked() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let fd = try #require(project.holdRunLock())
        defer { close(fd) }
        let blocked = try tool.run(["generate", "--no-wait"], in: project.path)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("another generate-assets run"))
        #expect(try tool.run(["status"], in: project.path).status == 0, "status does not need the lock")
        flock(fd, LOCK_UN)
        #expect(try tool.run(["generate", "--no-wait"], in: project.path).status == 0)
    }

    @Test func geminiProviderIsNotYetAvailableAndSaysSo() throws {
        let project = TenAssetProject.make()
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "provider: placeholder\n", with: ""))
        let result = try tool.run(["generate"], in: project.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--provider placeholder"))
    }

    /// After a generate the write-ahead log is folded into `cache.sqlite`: that file alone is the whole
    /// cache, as a CI step that keeps only it expects.
    @Test func theCacheFileAloneHoldsTheCacheAfterARun() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["--provider", "placeholder", "generate", "--no-commit"], in: project.path).status == 0)
        // Keep only cache.sqlite, as such a step would.
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: project.url(".generate-assets/cache.sqlite" + suffix))
        }
        let stats = try tool.run(["cache", "stats", "--json"], in: project.path)
        #expect(stats.json?["blobs"] as? Int == 10, "\(stats.stdout) \(stats.stderr)")
    }
}

/// The no-op fast path of `status` must never hide a change.
@Suite struct StatusSnapshotTests {
    let tool = ToolRunner()

    @Test func replaysOnlyWhileNothingChanged() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        usleep(60_000)  // past the racy window
        #expect(try tool.run(["status", "--check"], in: project.path).status == 0, "records the snapshot")
        let replayed = try tool.run(
            ["status", "--check", "--json"], in: project.path, environment: ["GENERATE_ASSETS_TRACE": "1"])
        #expect(replayed.status == 0 && replayed.stderr.contains("snapshot replayed"))
        #expect((replayed.json?["totals"] as? [String: Int])?["fresh"] == 10)

        project.write("Art/brand.png", TestImages.png(width: 16, height: 16, seed: 99))
        let reference = try tool.run(
            ["status", "--check", "--json"], in: project.path, environment: ["GENERATE_ASSETS_TRACE": "1"])
        #expect(reference.status == 1 && !reference.stderr.contains("snapshot replayed"))
        #expect(reference.reasons("a2") == ["reference 'Art/brand.png' changed"])
        project.write("Art/brand.png", TestImages.png(width: 16, height: 16, seed: 2))

        #expect(try tool.run(["status", "--check"], in: project.path).status == 0)
        project.write("Images/b2.png", TestImages.png(width: 2, height: 2, seed: 5))
        #expect(try tool.run(["status", "--check"], in: project.path).status == 1, "a hand edit shows at once")
        #expect(try tool.run(["generate", "--force", "--only", "b2"], in: project.path).status == 0)

        usleep(60_000)
        #expect(try tool.run(["status", "--check"], in: project.path).status == 0)
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"uno\""))
        #expect(try tool.run(["status", "--check"], in: project.path).status == 1, "a manifest edit shows at once")
        project.write("assets.yml", TenAssetProject.manifest)
        #expect(
            try tool.run(["status", "--check", "--provider", "gemini"], in: project.path).status == 1,
            "another provider is another answer")
    }
}
