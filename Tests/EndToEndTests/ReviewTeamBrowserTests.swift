import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The review page a docs maintainer reads, in headless Chromium (Scripts/check-review-page.py): the files
/// made from each image (renditions, a catalog set's images and `Contents.json`) beside it with their
/// paths, a set's generated image, and the variants of an asset made in an earlier run, still to pick.
/// The screenshot is kept in `.build/test-artifacts/review-team.png`.
@Suite struct ReviewTeamBrowserTests {
    let tool = ToolRunner()

    static func manifest(owl: String = "An owl", badge: String = "A round badge") -> String {
        """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A fox"
            variants: 3
          - id: owl
            output: Images/owl.png
            prompt: "\(owl)"
            renditions:
              - {output: Web/owl-64.png, width: 64}
              - {output: Web/owl-128.webp, width: 128}
          - id: badge
            output: App/Assets.xcassets/Badge.imageset
            prompt: "\(badge)"
            scales: [1, 2]
            point_size: [40, 40]
        """
    }

    @Test(ReviewPageBrowserTests.chromiumInstalled)
    func thePageShowsTheFilesMadeFromEachImageAndVariantsOfEarlierRuns() throws {
        let folder = TemporaryDirectory("review-team")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest())
        let env = ["HOME": folder.path]
        let first = try tool.run(
            ["generate", "--provider", "placeholder", "--commit-manifest"], in: folder.path, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        // A second run that leaves fox alone: its variants are from the first run.
        folder.write("assets.yml", Self.manifest(owl: "A snowy owl", badge: "A square badge"))
        let run = try tool.run(
            ["generate", "--provider", "placeholder", "--commit-manifest", "--report", "--json"], in: folder.path,
            environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.states["fox"] == "fresh", "the second run leaves fox alone")
        let page = try #require(run.json?["report"] as? String)

        let facts = try BrowserEnvironment.facts(page: page, screenshot: "review-team.png", in: folder.path)
        let images = (facts["images"] as? [[String: Any]]) ?? []
        for image in images { #expect((image["naturalWidth"] as? Int ?? 0) > 0, "not decoded: \(image)") }
        #expect(((facts["console"] as? [[String: Any]]) ?? []).isEmpty, "console: \(facts["console"] ?? "")")
        let cards = Dictionary(
            ((facts["cards"] as? [[String: Any]]) ?? []).map { ($0["asset"] as? String ?? "", $0) },
            uniquingKeysWith: { a, _ in a })
        func files(_ id: String) -> [String: Int?] {
            Dictionary(
                ((cards[id]?["files"] as? [[String: Any]]) ?? []).map {
                    ($0["shown"] as? String ?? "", $0["naturalWidth"] as? Int)
                }, uniquingKeysWith: { a, _ in a })
        }

        // The renditions beside the image they are made from, each with its path, at its own size.
        let owl = try #require(cards["owl"], "\(cards.keys.sorted())")
        #expect(owl["status"] as? String == "changed")
        #expect(files("owl") == ["Web/owl-64.png": 64, "Web/owl-128.webp": 128], "\(owl)")

        // A catalog set: its generated image, and every file with its path (the Contents.json files have no image).
        let badge = try #require(cards["badge"])
        #expect((badge["roles"] as? [String])?.contains("source") == true, "the set's generated image: \(badge)")
        let set = "App/Assets.xcassets/Badge.imageset/"
        let expected: [String: Int?] = [
            set + "Badge.png": 40, set + "Badge@2x.png": 80, set + "Contents.json": Int?.none,
            "App/Assets.xcassets/Contents.json": Int?.none,
        ]
        #expect(files("badge") == expected, "\(badge)")
        let source = images.first { $0["asset"] as? String == "badge" && $0["role"] as? String == "source" }
        #expect(source?["naturalWidth"] as? Int == 512)

        // fox was made in the first run; its three variants are still there to pick.
        let fox = try #require(cards["fox"], "variants of an earlier run are shown: \(cards.keys.sorted())")
        #expect(fox["status"] as? String == "variants")
        #expect((fox["roles"] as? [String])?.filter { $0 == "variant" }.count == 3)
    }

    /// A fresh clone's page (no cache): the variants read from git, and the rendition, decode in Chromium.
    @Test(ReviewPageBrowserTests.chromiumInstalled)
    func aFreshClonesPageShowsTheVariantsGitKeeps() throws {
        let team = PickInACloneTests()
        let stub = GeminiStub(options: .init(apiKey: team.key))
        let url = try stub.start()
        defer { stub.stop() }
        let (_, remote) = try team.origin(stub: url)
        let clone = try team.clone(remote, fetch: [PickInACloneTests.notesRef, PickInACloneTests.answersRef])
        let report = try team.run(["report", "--json"], in: clone, stub: url)
        #expect(report.status == 0, "\(report.stderr)")
        let page = try #require(report.json?["page"] as? String)
        let facts = try BrowserEnvironment.facts(page: page, screenshot: "review-clone.png", in: clone.path)
        let images = ((facts["images"] as? [[String: Any]]) ?? []).filter { $0["asset"] as? String == "fox" }
        #expect(images.allSatisfy { ($0["naturalWidth"] as? Int ?? 0) > 0 }, "\(images)")
        let variants = images.filter { $0["role"] as? String == "variant" }
        #expect(variants.count == 3 && Set(variants.compactMap { $0["src"] as? String }).count == 3, "\(images)")
        #expect(images.contains { $0["role"] as? String == "rendition" && $0["naturalWidth"] as? Int == 64 })
    }
}
