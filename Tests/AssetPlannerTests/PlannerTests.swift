import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct PlannerTests {
    let folder = TemporaryDirectory()

    init() {
        folder.write("Art/a.png", TestImages.png(seed: 1))
        folder.write(
            "assets.yml",
            """
            version: 1
            assets:
              - {id: base, output: Images/base.png, prompt: "base", references: [Art/a.png]}
              - {id: top, output: Images/top.png, prompt: "top", references: [{asset: base}]}
            """)
    }

    func planner(lock: Lockfile, cache: CacheStore?, force: Bool = false) throws -> (Planner, ResolvedProject) {
        let project = try ManifestLoader.load(manifestAt: folder.url("assets.yml"))
        return (
            Planner(
                provider: "placeholder", providerIsFree: true, lock: lock,
                hasher: FileHasher(root: folder.path, known: [:]), cache: cache, force: force), project
        )
    }

    /// Writes the planned output and records it, as the engine would.
    func settle(_ plan: AssetPlan, image: Data, lock: inout Lockfile) {
        folder.write(plan.asset.output, image)
        lock.assets[plan.asset.id] = LockEntry(
            output: plan.asset.output, fingerprint: plan.fingerprint!, outputSHA256: SHA256.hash(image),
            provider: "placeholder", model: plan.asset.modelID, placeholder: true, inputs: plan.inputs!)
    }

    @Test func newAssetsAreStaleAndDownstreamWaitsForUpstream() throws {
        let (planner, project) = try planner(lock: Lockfile(), cache: nil)
        let plans = try planner.plan(project.assets)
        #expect(plans.map(\.state) == [.stale, .stale])
        #expect(plans[0].reasons == [.new])
        #expect(plans[1].reasons == [.new, .upstreamPending("base")])
        #expect(plans[1].fingerprint == nil)
    }

    /// A free provider (the placeholder) plans every call at $0; a paid one at the model's list price.
    @Test func aFreeProviderPlansAtNoCost() throws {
        let project = try ManifestLoader.load(manifestAt: folder.url("assets.yml"))
        func estimates(free: Bool) throws -> [Double?] {
            let planner = Planner(
                provider: free ? "placeholder" : "gemini", providerIsFree: free, lock: Lockfile(),
                hasher: FileHasher(root: folder.path, known: [:]), cache: nil, force: false)
            return try planner.plan(project.assets).map(\.estimatedCost)
        }
        #expect(try estimates(free: true) == [0, 0])
        #expect(try estimates(free: false).allSatisfy { ($0 ?? 0) > 0 }, "the list price of 3.1 Flash at 1K")
    }

    @Test func recordedOutputsAreFreshAndHandEditsAreNoticed() throws {
        var lock = Lockfile()
        var (planner, project) = try planner(lock: lock, cache: nil)
        let base = try planner.evaluate(project.assets[0], upstream: [:])
        settle(base, image: TestImages.png(seed: 5), lock: &lock)
        let top = try planner.evaluate(project.assets[1], upstream: ["base": SHA256.hash(TestImages.png(seed: 5))])
        settle(top, image: TestImages.png(seed: 6), lock: &lock)
        (planner, project) = try self.planner(lock: lock, cache: nil)
        #expect(try planner.plan(project.assets).map(\.state) == [.fresh, .fresh])

        folder.write("Images/top.png", TestImages.png(seed: 99))
        (planner, _) = try self.planner(lock: lock, cache: nil)
        let edited = try planner.plan(project.assets)[1]
        #expect(edited.state == .stale && edited.outputModified)
        #expect(edited.reasons == [.outputModified, .editedByHand(id: "top", generated: true)])
        #expect(edited.editedByHand && edited.calls == 0 && edited.estimatedCost == 0, "kept as it is, at no cost")

        try FileManager.default.removeItem(atPath: folder.url("Images/top.png"))
        (planner, _) = try self.planner(lock: lock, cache: nil)
        let missing = try planner.plan(project.assets)[1]
        #expect(missing.reasons == [.outputMissing] && !missing.outputModified)
    }

    @Test func changedReferencePropagatesAndCachedFingerprintsRestore() throws {
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        var lock = Lockfile()
        let (planner, project) = try planner(lock: lock, cache: cache)
        let base = try planner.evaluate(project.assets[0], upstream: [:])
        let image = TestImages.png(seed: 5)
        settle(base, image: image, lock: &lock)
        try cache.store(
            CachedResult(
                fingerprint: base.fingerprint!, blobSHA256: SHA256.hash(image), provider: "placeholder",
                model: base.asset.modelID,
                isPlaceholder: true, inputs: base.inputs!, startedAt: Date(), finishedAt: Date()), image: image)
        folder.write("Art/a.png", TestImages.png(seed: 2))
        let (changed, _) = try self.planner(lock: lock, cache: cache)
        let plans = try changed.plan(project.assets)
        #expect(plans[0].reasons == [.referenceChanged(.file("Art/a.png"))])
        #expect(!plans[0].isRestorable)
        folder.write("Art/a.png", TestImages.png(seed: 1))
        folder.write("Images/base.png", TestImages.png(seed: 7))
        var reverted = lock
        reverted.assets["base"]?.outputSHA256 = SHA256.hash(TestImages.png(seed: 7))
        reverted.assets["base"]?.fingerprint = SHA256.hash("older")
        let (back, _) = try self.planner(lock: reverted, cache: cache)
        let restored = try back.plan(project.assets)[0]
        #expect(restored.isRestorable && restored.estimatedCost == 0)
        #expect(restored.expectedOutput == SHA256.hash(image))
    }
}

@Suite struct LockfileTests {
    @Test func roundTripsSortedAndStable() throws {
        let folder = TemporaryDirectory()
        let inputs = AssetInputs(
            provider: "gemini", model: "m", prompt: "p", systemInstruction: "s",
            config: ["seed": "1", "aspect_ratio": "1:1"], references: [])
        var lock = Lockfile()
        for id in ["zeta", "alpha"] {
            lock.assets[id] = LockEntry(
                output: "Images/\(id).png", fingerprint: SHA256.hash(id), outputSHA256: SHA256.hash(id + "o"),
                provider: "gemini", model: "m", placeholder: false, inputs: inputs)
        }
        try lock.write(to: folder.url("assets.lock"))
        let text = String(decoding: folder.read("assets.lock")!, as: UTF8.self)
        #expect(text.range(of: "\"alpha\"")!.lowerBound < text.range(of: "\"zeta\"")!.lowerBound)
        #expect(text.contains("\"output_sha256\""))
        #expect(text.contains("\"system_instruction\" : \"s\""))
        #expect(text.hasSuffix("}\n"))
        #expect(try Lockfile.load(from: folder.url("assets.lock")) == lock)
        #expect(try lock.encoded() == folder.read("assets.lock"), "byte-for-byte stable")
    }

    @Test func malformedLockSaysHowToRecover() throws {
        let folder = TemporaryDirectory()
        folder.write("assets.lock", "{\"version\": 1, \"assets\": {\"a\": {\"output\": 3}}}")
        #expect { _ = try Lockfile.load(from: folder.url("assets.lock")) } throws: {
            "\($0)".contains("git checkout -- assets.lock")
        }
        #expect((try? Lockfile.load(from: folder.url("absent.lock")))?.assets.isEmpty == true)
    }
}

@Suite struct RecipeChangesTests {
    @Test func renditionRecipesAreComparedParameterByParameter() {
        #expect(
            RecipeChanges.between(
                old: "rendition:1 format=png width=64 height=64 fit=cover",
                new: "rendition:1 format=webp width=128 height=64 fit=cover")
                == [
                    .parameterChanged(key: "format", from: "png", to: "webp"),
                    .parameterChanged(key: "width", from: "64", to: "128"),
                ])
        #expect(
            RecipeChanges.between(
                old: "rendition:1 format=png", new: "rendition:1 format=png key=#00ff00 tolerance=0.1")
                == [.parameterAdded(key: "key", value: "#00ff00"), .parameterAdded(key: "tolerance", value: "0.1")])
        #expect(
            RecipeChanges.between(old: "catalog:1 imageset\nA.png scale=1x", new: "catalog:1 imageset\nA.png scale=2x")
                == [.recipeChanged])
        #expect(RecipeChanges.between(old: "rendition:1 format=png", new: "rendition:1 format=png").isEmpty)
    }

    @Test func filesAreComparedByPath() {
        func record(_ output: String, _ recipe: String) -> RenditionRecord {
            RenditionRecord(
                output: output, recipe: recipe, fingerprint: SHA256.hash(output + recipe),
                outputSHA256: SHA256.hash(output))
        }
        let old = [record("a.png", "rendition:1 format=png width=1"), record("b.png", "rendition:1 format=png")]
        let new = [record("a.png", "rendition:1 format=png width=2"), record("c.png", "rendition:1 format=png")]
        let changes = RecipeChanges.between(old: old, new: new)
        #expect(
            changes == [
                .file("a.png", .parameterChanged(key: "width", from: "1", to: "2")), .fileAdded("c.png"),
                .fileRemoved("b.png"),
            ])
        #expect(changes.map(\.description) == ["a.png: width changed (1 → 2)", "c.png added", "b.png removed"])
    }
}
