import AssetSupport
import Foundation
import TestSupport
import Testing

/// The review page of a new edit chain in headless Chromium (Scripts/check-review-page.py): a filmstrip of
/// every turn's image, each decoded, with its text. The screenshot is kept in `.build/test-artifacts/edit-chain-review.png`.
@Suite struct EditChainReviewBrowserTests {
    let tool = ToolRunner()

    @Test(ReviewPageBrowserTests.chromiumInstalled)
    func aChainShowsAFilmstripOfItsTurns() throws {
        let folder = try EditChainEndToEndTests.chartRepository(
            "edit-chain-review",
            edits: """
                  - "Translate it into Spanish."
                  - "Make the title <b>larger</b>."
                """)
        let run = try tool.run(
            ["generate", "--provider", "placeholder", "--report", "--json"], in: folder.path,
            environment: ["HOME": folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(run.json?["report"] as? String)
        let root = ReviewPageBrowserTests.root
        let python = try BrowserEnvironment.python(root: root)
        let artifacts = root + "/.build/test-artifacts"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts + "/edit-chain-review.png"
        let browser = try ToolRunner(executable: python).run(
            [root + "/Scripts/check-review-page.py", page, screenshot], in: folder.path,
            environment: [
                "CHROMIUM": ReviewPageBrowserTests.chromium!, "CHROMEDRIVER": ReviewPageBrowserTests.chromedriver!,
            ])
        #expect(browser.status == 0, "\(browser.stderr)")
        let facts = try #require(browser.json, "the script printed: \(browser.stdout) \(browser.stderr)")
        let card = try #require(
            ((facts["cards"] as? [[String: Any]]) ?? []).first { $0["asset"] as? String == "chart" })
        #expect((card["roles"] as? [String])?.filter { $0 == "turn" }.count == 3, "turn 0 and both edits")
        #expect(
            (card["turns"] as? [String])
                == [
                    "An infographic of photosynthesis as a recipe", "Translate it into Spanish.",
                    "Make the title <b>larger</b>.",
                ], "each turn's text, as text")
        let turnImages = ((facts["images"] as? [[String: Any]]) ?? []).filter { $0["role"] as? String == "turn" }
        #expect(turnImages.count == 3)
        #expect(turnImages.allSatisfy { ($0["naturalWidth"] as? Int ?? 0) > 0 }, "every turn image decodes")
        #expect(Set(turnImages.compactMap { $0["src"] as? String }).count == 3, "three different images")
        #expect(((facts["console"] as? [[String: Any]]) ?? []).isEmpty)
    }
}
