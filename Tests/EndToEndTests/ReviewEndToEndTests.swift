import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Variants, pick, `--force` and freeze through the built executable against the loopback Gemini stub.
@Suite struct ReviewEndToEndTests {
    let tool = ToolRunner()
    static let key = "review-e2e-key"

    static let manifest = """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: hero, output: Images/hero.png, prompt: "A lighthouse at dawn.", variants: 3, config: {seed: 5}}
          - {id: badge, output: Images/badge.png, prompt: "A round badge.", frozen: true}
        """

    func repository() throws -> TemporaryDirectory {
        let project = TemporaryDirectory("review-e2e")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", Self.manifest)
        try GitCLI.run(["add", "assets.yml"], in: project.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: project.path)
        return project
    }

    func run(_ arguments: [String], in path: String, stub: URL, home: String) throws -> ToolRunner.Result {
        try tool.run(
            arguments, in: path,
            environment: [
                "GEMINI_BASE_URL": stub.absoluteString, "GEMINI_API_KEY": Self.key, "HOME": home,
                "GIT_CONFIG_NOSYSTEM": "1",
            ])
    }

    func asset(_ id: String, in result: ToolRunner.Result) -> [String: Any] {
        ((result.json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == id }) ?? [:]
    }

    @Test func variantsPickForceAndAFreshClone() throws {
        let stub = GeminiStub(options: .init(apiKey: Self.key))
        let url = try stub.start()
        defer { stub.stop() }
        let project = try repository()
        let plan = try run(["status", "--json"], in: project.path, stub: url, home: project.path)
        let single = try #require(asset("badge", in: plan)["estimated_cost_usd"] as? Double)
        #expect(asset("hero", in: plan)["estimated_cost_usd"] as? Double == single * 3, "the estimate shows 3×")

        let first = try run(["generate", "--yes", "--json"], in: project.path, stub: url, home: project.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            stub.generateRequests.filter { $0.prompt?.contains("lighthouse") == true }.count == 3,
            "variants: 3 makes 3 calls")
        #expect(asset("hero", in: first)["variants"] as? Int == 3 && asset("hero", in: first)["picked"] as? Int == 1)
        #expect(asset("badge", in: first)["variants"] == nil, "one variant shows none")
        let calls = stub.generateRequests.count

        let picked = try run(["pick", "hero", "2", "--json"], in: project.path, stub: url, home: project.path)
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(stub.generateRequests.count == calls, "pick makes no call")
        #expect(picked.json?["picked"] as? Int == 2 && picked.json?["changed"] as? Bool == true)
        #expect(
            try GitCLI.run(["log", "-1", "--format=%s"], in: project.path)
                == "generate-assets: pick variant 2 of hero\n")
        let status = try run(["status", "--check", "--json"], in: project.path, stub: url, home: project.path)
        #expect(status.status == 0, "fresh after a pick: \(status.stdout)")
        #expect(asset("hero", in: status)["picked"] as? Int == 2 && asset("hero", in: status)["variants"] as? Int == 3)
        let pickedImage = project.read("Images/hero.png")

        let clones = TemporaryDirectory("review-clone")
        try GitCLI.run(["clone", "-q", project.path, clones.url("c")], in: clones.path)
        let clone = try run(["status", "--check", "--json"], in: clones.url("c"), stub: url, home: clones.path)
        #expect(clone.status == 0, "a fresh clone keeps the pick: \(clone.stdout)")
        #expect(asset("hero", in: clone)["picked"] as? Int == 2)
        #expect(FileManager.default.contents(atPath: clones.url("c/Images/hero.png")) == pickedImage)
        #expect(
            try run(["generate", "--json"], in: clones.url("c"), stub: url, home: clones.path).ids(in: "fresh").count
                == 2)
        #expect(stub.generateRequests.count == calls, "no call from the clone")

        let forced = try run(
            ["generate", "--force", "--only", "hero", "--yes", "--json"], in: project.path, stub: url,
            home: project.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(stub.generateRequests.count == calls + 1)
        #expect(
            asset("hero", in: forced)["variants"] as? Int == 4 && asset("hero", in: forced)["picked"] as? Int == 4,
            "--force adds a 4th variant")
        let back = try run(["pick", "hero", "2"], in: project.path, stub: url, home: project.path)
        #expect(back.status == 0 && project.read("Images/hero.png") == pickedImage, "the earlier variants stay")
        #expect(stub.generateRequests.count == calls + 1)
    }

    @Test func aFrozenAssetIsUntouchedByAPromptChangeAndByGenerate() throws {
        let stub = GeminiStub(options: .init(apiKey: Self.key))
        let url = try stub.start()
        defer { stub.stop() }
        let project = try repository()
        #expect(try run(["generate", "--yes"], in: project.path, stub: url, home: project.path).status == 0)
        let badge = project.read("Images/badge.png")
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: project.path)
        project.write("assets.yml", Self.manifest.replacingOccurrences(of: "A round badge.", with: "A square badge."))
        let status = try run(["status", "--check", "--json"], in: project.path, stub: url, home: project.path)
        #expect(status.status == 0, "a frozen asset does not fail --check")
        #expect(
            asset("badge", in: status)["state"] as? String == "stale"
                && asset("badge", in: status)["frozen"] as? Bool == true)
        #expect(status.reasons("badge").contains { $0.contains("frozen") })
        let calls = stub.generateRequests.count
        let generate = try run(["generate", "--yes", "--json"], in: project.path, stub: url, home: project.path)
        #expect(generate.status == 0)
        #expect(stub.generateRequests.count == calls && project.read("Images/badge.png") == badge)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: project.path) == head, "nothing to commit")
        let gate = try run(["status", "--no-placeholders"], in: project.path, stub: url, home: project.path)
        #expect(gate.status == 0, "real images pass the release gate")
        let released = try run(
            ["generate", "--include-frozen", "--yes", "--json"], in: project.path, stub: url, home: project.path)
        #expect(released.states["badge"] == "generated" && stub.generateRequests.count == calls + 1)
        #expect(project.read("Images/badge.png") != badge)
    }

    @Test func theReleaseGateStillFailsOnAFrozenPlaceholder() throws {
        let project = TemporaryDirectory("review-gate")
        project.write(
            "assets.yml",
            Self.manifest.replacingOccurrences(of: "version: 1\n", with: "version: 1\nprovider: placeholder\n"))
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        project.write(
            "assets.yml",
            Self.manifest.replacingOccurrences(of: "version: 1\n", with: "version: 1\nprovider: placeholder\n")
                .replacingOccurrences(of: "A round badge.", with: "A square badge."))
        #expect(try tool.run(["status", "--check"], in: project.path).status == 0)
        let gate = try tool.run(["status", "--no-placeholders"], in: project.path)
        #expect(gate.status == 1 && gate.stderr.contains("badge"))
    }

    @Test func reportWritesAPageAndPrintsItsPath() throws {
        let project = TemporaryDirectory("review-report")
        project.write(
            "assets.yml",
            Self.manifest.replacingOccurrences(of: "version: 1\n", with: "version: 1\nprovider: placeholder\n"))
        let generate = try tool.run(["generate", "--report", "--json"], in: project.path)
        #expect(generate.status == 0, "\(generate.stderr)")
        let page = try #require(generate.json?["report"] as? String)
        #expect(
            page == project.url(".generate-assets/report/index.html") && FileManager.default.fileExists(atPath: page))
        let report = try tool.run(["report", "--output", "out"], in: project.path)
        #expect(report.status == 0 && report.stdout == project.url("out/index.html") + "\n")
        let json = try tool.run(["report", "--json"], in: project.path)
        let assets = try #require(json.json?["assets"] as? [[String: Any]])
        #expect(assets.map { $0["status"] as? String } == ["new", "new"])
        #expect(((assets.first?["variants"] as? [[String: Any]])?.count) == 3)
        let bad = try tool.run(["report", "--since", "v9"], in: project.path)
        #expect(bad.status == 1 && bad.stderr.contains("--since"), "\(bad.stderr)")
    }
}
