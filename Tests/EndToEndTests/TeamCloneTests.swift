import AssetImaging
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A team's second clone, with no cache: what git has is restored, nothing is paid for twice, and shipped
/// art changes only when asked. The real tool, real git repositories, the Gemini stub over HTTP, and its
/// requests counted.
@Suite struct TeamCloneTests {
    let tool = ToolRunner()
    let key = "AIzaTEAM-\(UUID().uuidString)"

    /// Three levels (lantern → hero → poster) sharing a style word, a catalog set with a dark appearance
    /// used as a reference (by hero and badge), renditions from a JPEG output made from a PNG answer, and
    /// an asset with three variants (a seed makes them differ, as the service's do).
    static func manifest(style: String = "Warm ink lines.", badge: String = "A badge with the lantern") -> String {
        """
        version: 1
        provider: gemini
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        styles:
          house: "\(style)"
        assets:
          - id: lantern
            output: App/Assets.xcassets/Lantern.imageset
            prompt: "A brass lantern"
            style: house
            scales: [1, 2]
            point_size: [32, 32]
            appearances:
              dark: {prompt: "A brass lantern at night"}
          - id: hero
            output: Images/hero.jpg
            prompt: "A hero holding the lantern"
            style: house
            references: [{asset: lantern}]
            renditions:
              - {output: Web/hero-64.png, width: 64}
          - id: poster
            output: Images/poster.png
            prompt: "A poster of the hero"
            style: house
            references: [{asset: hero}]
            variants: 3
            config: {seed: 5}
          - id: badge
            output: Images/badge.png
            prompt: "\(badge)"
            references: [{asset: lantern}]
        """
    }

    static let setFiles = [
        "App/Assets.xcassets/Lantern.imageset/Lantern.png", "App/Assets.xcassets/Lantern.imageset/Lantern@2x.png",
        "App/Assets.xcassets/Lantern.imageset/Lantern-dark.png",
        "App/Assets.xcassets/Lantern.imageset/Lantern-dark@2x.png",
        "App/Assets.xcassets/Lantern.imageset/Contents.json",
    ]
    static let files =
        setFiles + ["Images/hero.jpg", "Web/hero-64.png", "Images/poster.png", "Images/badge.png", "assets.lock"]

    func run(_ arguments: [String], in folder: String, stub: URL) throws -> ToolRunner.Result {
        try tool.run(
            arguments, in: folder,
            environment: [
                "GEMINI_BASE_URL": stub.absoluteString, "GEMINI_API_KEY": key, "HOME": folder,
                "GIT_CONFIG_NOSYSTEM": "1",
            ])
    }

    func snapshot(_ folder: TemporaryDirectory, _ files: [String] = Self.files) -> [String: Data] {
        var bytes: [String: Data] = [:]
        for file in files { bytes[file] = folder.read(file) }
        return bytes
    }

    /// The team's origin: version 1 generated (poster's variant 2 picked), then a style word changed and
    /// generated again, each committed with the manifest. Returns the files of version 1.
    func origin(_ stub: GeminiStub, _ url: URL) throws -> (TemporaryDirectory, [String: Data]) {
        let origin = TemporaryDirectory("team-origin")
        try GitCLI.makeRepository(origin)
        origin.write("assets.yml", Self.manifest())
        try GitCLI.run(["add", "assets.yml"], in: origin.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: origin.path)
        let first = try run(["generate", "--yes", "--json"], in: origin.path, stub: url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(stub.generateRequests.count == 7, "lantern, its dark appearance, hero, 3 posters, badge")
        let variant1 = origin.read("Images/poster.png")
        let pick = try run(["pick", "poster", "2"], in: origin.path, stub: url)
        #expect(pick.status == 0, "\(pick.stderr)")
        #expect(origin.read("Images/poster.png") != variant1, "the pick wrote variant 2, not variant 1 again")
        let version1 = snapshot(origin)
        origin.write("assets.yml", Self.manifest(style: "Cool ink lines."))
        let second = try run(["generate", "--yes", "--json"], in: origin.path, stub: url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(stub.generateRequests.count == 14, "all again: the style touches three levels, and badge uses lantern")
        try GitCLI.run(["commit", "-q", "-am", "cooler style"], in: origin.path)
        #expect(snapshot(origin)["Images/poster.png"] != version1["Images/poster.png"])
        return (origin, version1)
    }

    /// A fresh clone with the notes and answers refs fetched as Docs/Provenance.md says, and no cache.
    func clone(_ origin: TemporaryDirectory, fetchAnswers: Bool = true) throws -> TemporaryDirectory {
        let clone = TemporaryDirectory("team-clone")
        try GitCLI.run(["clone", "-q", origin.path, clone.path], in: origin.path)
        try GitCLI.run(["config", "user.name", "Grace Hopper"], in: clone.path)
        try GitCLI.run(["config", "user.email", "grace@example.com"], in: clone.path)
        var refs = ["refs/notes/generate-assets:refs/notes/generate-assets"]
        if fetchAnswers { refs.append("refs/generate-assets/answers:refs/generate-assets/answers") }
        try GitCLI.run(["fetch", "-q", "origin"] + refs, in: clone.path)
        #expect(!FileManager.default.fileExists(atPath: clone.url(".generate-assets")))
        return clone
    }

    @Test func aCloneWithNoCacheRestoresWhatGitHasAndPaysOnlyForWhatChanged() throws {
        let team = try Team(self)
        defer { team.stub.stop() }
        let (stub, url, clone, version1, calls) = (team.stub, team.url, team.clone, team.version1, team.calls)

        let check = try run(["status", "--check", "--json"], in: clone.path, stub: url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(stub.generateRequests.count == calls)

        // A rendition of the lossy output made again with no cache: from the PNG answer git keeps, with no call.
        let before = snapshot(clone)
        clone.write(
            "assets.yml",
            Self.manifest(style: "Cool ink lines.").replacingOccurrences(of: "width: 64", with: "width: 48"))
        let planned = try run(["status", "--json"], in: clone.path, stub: url)
        let heroPlan = ((planned.json?["assets"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "hero" }
        #expect(heroPlan?["action"] as? String == "render", "planned from git, at no cost: \(planned.stdout)")
        let rendition = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(rendition.status == 0, "\(rendition.stderr)")
        #expect(rendition.states["hero"] == "rendered")
        #expect(stub.generateRequests.count == calls, "renditions are made from the answer git keeps")
        clone.write("assets.yml", Self.manifest(style: "Cool ink lines."))
        #expect(try run(["generate", "--yes"], in: clone.path, stub: url).status == 0)
        #expect(clone.read("Web/hero-64.png") == before["Web/hero-64.png"])

        // A style word reverted in the clone: every level restored from git, byte for byte, for nothing.
        clone.write("assets.yml", Self.manifest())
        let revert = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(revert.status == 0, "\(revert.stderr)")
        #expect(stub.generateRequests.count == calls, "no call: every image is in git")
        #expect(revert.ids(in: "restored") == ["lantern", "lantern.dark", "hero", "poster", "badge"])
        for file in Self.files where file != "assets.lock" {
            #expect(clone.read(file) == version1[file], "\(file) is not the committed version 1")
        }
        let lock = try #require(clone.read("assets.lock").flatMap { try? JSONSerialization.jsonObject(with: $0) })
        let hero = try #require(((lock as? [String: Any])?["assets"] as? [String: Any])?["hero"] as? [String: Any])
        #expect(hero["answer_format"] as? String == "png", "the original answer's provenance, not the JPEG's")
        #expect(hero["answer_sha256"] as? String != hero["output_sha256"] as? String)
        try GitCLI.run(["commit", "-q", "-am", "back to warm"], in: clone.path)

        // A prompt changed downstream of the catalog set, with the cache deleted: one call (the set's image
        // sent from git), and the set is left byte for byte.
        try FileManager.default.removeItem(atPath: clone.url(".generate-assets"))
        let restored = snapshot(clone)
        clone.write("assets.yml", Self.manifest(badge: "A round badge with the lantern"))
        let badge = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(badge.status == 0, "\(badge.stderr)")
        #expect(stub.generateRequests.count == calls + 1, "only badge is made")
        #expect(badge.ids(in: "generated") == ["badge"])
        for file in Self.setFiles { #expect(clone.read(file) == restored[file], "\(file) changed") }
    }

    @Test func aCloneWithoutTheAnswersSaysWhatCannotBeMadeBeforeSpending() throws {
        let team = try Team(self, fetchAnswers: false)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        clone.write("assets.yml", Self.manifest(style: "Cool ink lines.", badge: "A round badge with the lantern"))
        for arguments in [["status", "--json"], ["generate", "--dry-run", "--json"]] {
            let plan = try run(arguments, in: clone.path, stub: url)
            let warnings = (plan.json?["warnings"] as? [[String: Any]]) ?? []
            let warning = try #require(
                warnings.first { ($0["message"] as? String)?.contains("'lantern'") == true },
                "\(arguments): \(plan.stdout)")
            #expect((warning["message"] as? String)?.contains("neither this cache nor git") == true)
            let fix = warning["fix"] as? String ?? ""
            #expect(fix.contains("refs/generate-assets/answers"))
            #expect(!fix.contains("--force"), "never advice that re-rolls shipped art")
        }
        #expect(stub.generateRequests.count == calls)
    }

    @Test func aHandEditIsPlannedAtNoCostAndAcceptMakesItTheImage() throws {
        let team = try Team(self)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        let edit = TestImages.png(width: 40, height: 40, seed: 9)
        let shipped = clone.read("Images/poster.png")
        let heroEdit = try ImageCodecs.platform.convert(edit, to: .jpeg, quality: 90)
        clone.write("Images/hero.jpg", heroEdit)
        clone.write("Images/poster.png", edit)

        let status = try run(["status", "--json"], in: clone.path, stub: url)
        let assets = (status.json?["assets"] as? [[String: Any]]) ?? []
        for id in ["hero", "poster"] {
            let asset = try #require(assets.first { $0["id"] as? String == id })
            #expect(asset["action"] as? String == "edited", "\(id): \(asset)")
            #expect(asset["estimated_cost_usd"] as? Double == 0)
            let reasons = status.reasons(id).joined(separator: " ")
            #expect(reasons.contains("edited by hand") && reasons.contains("delete the file"))
            #expect(reasons.contains("generate-assets accept \(id)"))
        }
        #expect(status.json?["estimated_cost_usd"] as? Double == 0, "nothing to pay: \(status.stdout)")

        let generate = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(generate.status == 0, "no asset fails: \(generate.stdout)")
        #expect(generate.ids(in: "failed").isEmpty)
        #expect(stub.generateRequests.count == calls)
        #expect(clone.read("Images/poster.png") == edit, "the edit is kept")

        let accept = try run(["accept", "poster"], in: clone.path, stub: url)
        #expect(accept.status == 0, "\(accept.stdout)\(accept.stderr)")
        #expect(stub.generateRequests.count == calls)
        #expect(clone.read("Images/poster.png") == edit)
        let subject = try GitCLI.run(["log", "-1", "--format=%s"], in: clone.path)
        #expect(subject.contains("accept poster"), "\(subject) \(accept.stdout) \(accept.stderr)")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: clone.path)
        #expect(note.contains("\"action\" : \"accepted by hand\"") || note.contains("\"action\": \"accepted by hand\""))
        let after = try run(["status", "--json"], in: clone.path, stub: url)
        #expect(after.states["poster"] == "fresh", "\(after.stdout)")
        #expect(after.states["hero"] == "stale", "hero's edit is not accepted yet")

        // The generated images stay: in this clone, which never had them in its cache, and in the accept
        // commit's note, so a pick brings the shipped one back with no call.
        let noteRecord = try JSONSerialization.jsonObject(with: Data(note.utf8)) as? [String: Any]
        let posterRecord = ((noteRecord?["assets"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "poster" }
        #expect((posterRecord?["variant_answers"] as? [String: String])?.count == 4, "\(note)")
        // hero is still edited by hand: poster's variants are those of the generated hero, as status plans it.
        let back = try run(["pick", "poster", "1"], in: clone.path, stub: url)
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(clone.read("Images/poster.png") == shipped, "the generated variant 1 again")
        #expect(clone.read("Images/hero.jpg") == heroEdit, "hero's edit is kept")
        #expect(stub.generateRequests.count == calls)
    }
}

/// The team of `TeamCloneTests`: the stub, the origin with its two versions, and a fresh clone.
struct Team {
    let stub: GeminiStub
    let url: URL
    let origin: TemporaryDirectory
    let clone: TemporaryDirectory
    /// The files of version 1 (warm style, poster's variant 2 picked).
    let version1: [String: Data]
    /// Stub requests before the clone did anything.
    let calls: Int

    init(_ tests: TeamCloneTests, fetchAnswers: Bool = true) throws {
        stub = GeminiStub(options: .init(apiKey: tests.key))
        url = try stub.start()
        (origin, version1) = try tests.origin(stub, url)
        clone = try tests.clone(origin, fetchAnswers: fetchAnswers)
        calls = stub.generateRequests.count
    }
}
