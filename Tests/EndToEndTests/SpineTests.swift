import AssetSupport
import Foundation
import TestSupport
import Testing

/// The spine issue's "done when", run against the built executable in a temp project.
@Suite(.serialized) struct SpineTests {
    let tool = ToolRunner()

    @Test func incrementalGenerationFromFirstRunToRevert() throws {
        let project = TenAssetProject.make()
        let all = Set(TenAssetProject.pixelSizes.keys)

        // 1. First run: all ten placeholders, each at its model's exact size.
        let first = try tool.run(["generate", "--json"], in: project.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.ids(in: "generated") == all)
        for (id, size) in TenAssetProject.pixelSizes {
            let output = id.hasPrefix("c") ? "Images/chain/\(id).png" : "Images/\(id).png"
            let data = try #require(project.read(output))
            #expect(PixelSize.of(data) == PixelSize(width: size.0, height: size.1), "\(id)")
        }
        #expect(project.exists("assets.lock"))

        // 2. Second run: nothing touched, no file hashed, no provider call.
        let mtime = try FileStat.of(project.url("Images/a1.png"))?.mtimeNanoseconds
        let second = try tool.run(["generate", "--json"], in: project.path)
        #expect(second.status == 0)
        #expect(second.ids(in: "fresh") == all)
        #expect(second.stats["files_hashed"] as? Int == 0)
        #expect(second.stats["provider_calls"] as? Int == 0)
        #expect(try FileStat.of(project.url("Images/a1.png"))?.mtimeNanoseconds == mtime)

        // 3. One shared reference changes: exactly its dependents regenerate, through the chain.
        project.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 42))
        let changed = try tool.run(["generate", "--json"], in: project.path)
        #expect(changed.status == 0)
        #expect(changed.ids(in: "generated") == ["a1", "a2", "c1", "c2", "c3", "c4"])
        #expect(changed.ids(in: "fresh") == ["a3", "b1", "b2", "b3"])
        #expect(changed.reasons("a1") == ["reference 'Art/shared.png' changed"])
        #expect(changed.reasons("c3") == ["upstream asset 'c2' changed"])
        #expect(changed.stats["files_hashed"] as? Int == 1, "only the changed reference is read: \(changed.stats)")

        // 4. Revert: restored from the cache, no provider call.
        project.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 1))
        let reverted = try tool.run(["generate", "--json"], in: project.path)
        #expect(reverted.status == 0)
        #expect(reverted.ids(in: "restored") == ["a1", "a2", "c1", "c2", "c3", "c4"])
        #expect(reverted.stats["provider_calls"] as? Int == 0)
        #expect(try tool.run(["status", "--check"], in: project.path).status == 0)
    }

    @Test func statusCheckExitCodes() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["status", "--check"], in: project.path).status == 1, "new assets are stale")
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        #expect(try tool.run(["status", "--check"], in: project.path).status == 0)
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"one, revised\""))
        let stale = try tool.run(["status", "--check", "--json"], in: project.path)
        #expect(stale.status == 1)
        #expect(stale.reasons("a1") == ["prompt changed"])
        #expect(stale.stderr.contains("error: 1 asset stale: a1"), "stderr says why it failed: \(stale.stderr)")
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(of: "aspect_ratio: \"16:9\"", with: "aspect: \"16:9\""))
        let broken = try tool.run(["status", "--check"], in: project.path)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("assets.yml:11:106: error: assets[a2].config.aspect: unknown key 'aspect'"))
        #expect(broken.stderr.contains("did you mean 'aspect_ratio'?"))
    }

    @Test func malformedManifestWritesNothing() throws {
        let project = TenAssetProject.make()
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(of: "Art/unique.png", with: "Art/uniqe.png")
                + "\n  - {id: a1, output: Images/x.png, prompt: dup}\n")
        let before = project.listing()
        for command in [["generate"], ["status"], ["validate"], ["generate", "--dry-run"]] {
            let result = try tool.run(command, in: project.path)
            #expect(result.status == 2, "\(command)")
            #expect(
                result.stderr.contains(
                    "assets.yml:17:68: error: assets[b1].references[0]: reference 'Art/uniqe.png' does not exist"),
                "\(result.stderr)")
            #expect(result.stderr.contains("fix: did you mean 'Art/unique.png'?"))
            #expect(result.stderr.contains("duplicate id 'a1'"))
            #expect(project.listing() == before, "\(command) wrote something")
        }
    }
}
