import AssetSupport
import Foundation
import TestSupport
import Testing

/// The review page of the Example after a prompt change, loaded in headless Chromium through Selenium
/// (Scripts/check-review-page.py): every image decodes, the console stays quiet, old and new images are
/// both shown, and a hostile prompt is shown as text and never runs. The screenshot is kept in
/// `.build/test-artifacts/review-page.png`.
@Suite struct ReviewPageBrowserTests {
    let tool = ToolRunner()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let hostile = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"

    /// The Example in a throwaway git repository, generated, then changed: a new prompt on page-1 (with
    /// hostile markup), three variants of the lantern, and a frozen end-paper whose prompt changed.
    func changedExample() throws -> (TemporaryDirectory, String) {
        let folder = TemporaryDirectory("review-browser")
        let target = folder.url("PictureBook")
        try FileManager.default.copyItem(atPath: ExampleTests.exampleFolder, toPath: target)
        try GitCLI.run(["init", "-q", "-b", "main"], in: target)
        try GitCLI.run(["config", "user.name", "Ada Lovelace"], in: target)
        try GitCLI.run(["config", "user.email", "ada@example.com"], in: target)
        try GitCLI.run(["add", "-A"], in: target)
        try GitCLI.run(["commit", "-q", "-m", "the example"], in: target)
        let first = try tool.run(["generate", "--provider", "placeholder"], in: target, environment: ["HOME": target])
        #expect(first.status == 0, "\(first.stderr)")
        var manifest = try String(contentsOfFile: target + "/assets.yml", encoding: .utf8)
        for (old, new) in [
            (
                "\"Fen sleeps curled up at the edge of a snowy wood at dusk.\"",
                "'Fen sleeps under a pine at the edge of a snowy wood at night. \(Self.hostile)'"
            ),
            ("  - id: lantern\n", "  - id: lantern\n    variants: 3\n"),
            ("  - id: end-papers\n", "  - id: end-papers\n    frozen: true\n"),
            ("tiny lanterns, pine cones", "tiny lanterns, acorns"),
        ] {
            #expect(manifest.contains(old), "the Example still has \(old)")
            manifest = manifest.replacingOccurrences(of: old, with: new)
        }
        try manifest.write(toFile: target + "/assets.yml", atomically: true, encoding: .utf8)
        return (folder, target)
    }

    /// Runs the test only where Debian's chromium and chromium-driver are installed.
    static var chromiumInstalled: ConditionTrait {
        .enabled(
            if: chromium != nil && chromedriver != nil,
            "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver")
    }

    static let chromiumReason =
        "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver (Scripts/install-system-packages.sh does)"

    @Test(
        .enabled(if: TestPlatform.isLinux, "drives Debian's chromium and chromium-driver (the Linux CI job runs it)"),
        .enabled(
            if: Requirement.runs(
                chromium != nil && chromedriver != nil, "theExamplesReviewPageWorksInChromium", chromiumReason),
            "\(chromiumReason)"))
    func theExamplesReviewPageWorksInChromium() throws {
        try #require(Self.chromium != nil && Self.chromedriver != nil, "CI=true: \(Self.chromiumReason)")
        let (folder, target) = try changedExample()
        defer { withExtendedLifetime(folder) {} }
        let run = try tool.run(
            ["generate", "--provider", "placeholder", "--report", "--json"], in: target, environment: ["HOME": target])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(run.json?["report"] as? String)

        let python = try BrowserEnvironment.python(root: Self.root)
        let artifacts = Self.root + "/.build/test-artifacts"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts + "/review-page.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let browser = try ToolRunner(executable: python).run(
            [Self.root + "/Scripts/check-review-page.py", page, screenshot], in: folder.path,
            environment: ["CHROMIUM": Self.chromium!, "CHROMEDRIVER": Self.chromedriver!])
        #expect(browser.status == 0, "\(browser.stderr)")
        let facts = try #require(browser.json, "the script printed: \(browser.stdout) \(browser.stderr)")

        let images = try #require(facts["images"] as? [[String: Any]])
        #expect(images.count >= 10)
        for image in images { #expect((image["naturalWidth"] as? Int ?? 0) > 0, "not decoded: \(image)") }
        let console = (facts["console"] as? [[String: Any]]) ?? []
        #expect(console.isEmpty, "console: \(console)")
        #expect(facts["pwned"] is NSNull, "a script on the page ran")
        #expect(facts["scripts"] as? Int == 0)
        let prompts = (facts["prompts"] as? [String]) ?? []
        #expect(prompts.contains { $0.contains(Self.hostile) }, "the hostile prompt is shown as text")

        let cards = Dictionary(
            ((facts["cards"] as? [[String: Any]]) ?? []).map { ($0["asset"] as? String ?? "", $0) },
            uniquingKeysWith: { a, _ in a })
        let changed = try #require(cards["page-1"])
        #expect(changed["status"] as? String == "changed")
        #expect((changed["roles"] as? [String]) == ["before", "after"], "old and new image both shown")
        let sources = images.filter { $0["asset"] as? String == "page-1" }.compactMap { $0["src"] as? String }
        #expect(Set(sources).count == 2, "two different images")
        #expect(cards["page-3"]?["status"] as? String == "changed", "downstream of page-1")
        #expect(
            (cards["lantern"]?["roles"] as? [String])?.filter { $0 == "variant" }.count == 3,
            "the variants side by side")
        #expect(cards["end-papers"]?["status"] as? String == "kept")
        let png = try #require(FileManager.default.contents(atPath: screenshot), "the screenshot artefact")
        #expect(ImageFormat.sniff(png) == .png && (PixelSize.of(png)?.height ?? 0) > 1000)
    }
}

/// The Python that runs the browser check: the venv Scripts/browser-test-env.sh makes (with Selenium).
enum BrowserEnvironment {
    static func python(root: String) throws -> String {
        let setup = try ToolRunner(executable: root + "/Scripts/browser-test-env.sh").run([], in: root)
        guard setup.status == 0 else {
            throw UserFacingError(
                "Scripts/browser-test-env.sh failed (\(setup.status)): \(setup.stderr)",
                fix: "it needs python3 with venv and PyPI for selenium")
        }
        return setup.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Loads `page` in headless Chromium (Scripts/check-review-page.py) and returns what it printed; the
    /// screenshot goes to `.build/test-artifacts/<screenshot>`.
    static func facts(page: String, screenshot: String, in folder: String) throws -> [String: Any] {
        let root = ReviewPageBrowserTests.root
        let artifacts = root + "/.build/test-artifacts"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let browser = try ToolRunner(executable: try python(root: root)).run(
            [root + "/Scripts/check-review-page.py", page, artifacts + "/" + screenshot], in: folder,
            environment: [
                "CHROMIUM": ReviewPageBrowserTests.chromium ?? "",
                "CHROMEDRIVER": ReviewPageBrowserTests.chromedriver ?? "",
            ])
        #expect(browser.status == 0, "\(browser.stderr)")
        return try #require(browser.json, "the script printed: \(browser.stdout) \(browser.stderr)")
    }
}
