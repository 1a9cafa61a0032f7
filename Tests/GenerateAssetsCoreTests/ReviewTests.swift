import AssetFingerprint
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// The review page's data and HTML, in-process.
@Suite struct ReviewTests {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A red fox sleeps."}
          - {id: owl, output: Images/owl.webp, prompt: "An owl.", references: [{asset: fox}]}
          - {id: sky, output: Images/sky.png, prompt: "A sky."}
        """

    /// A committed project, changed and generated again: fox's prompt changed, owl follows, sky stays.
    func reviewedProject() async throws -> (CoreProject, String) {
        let project = CoreProject(Self.manifest)
        try GitCLI.makeRepository(project.folder)
        try GitCLI.run(["add", "assets.yml"], in: project.folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: project.folder.path)
        try await project.generate(commit: true)
        let first = try GitCLI.run(["rev-parse", "HEAD"], in: project.folder.path).trimmingCharacters(in: .newlines)
        project.rewrite("A red fox sleeps.", "A grey wolf sleeps.")
        try await project.generate(commit: true)
        return (project, first)
    }

    /// A catalog set has no file of its own: its history, and its place on the page, is its first image's.
    @Test func catalogSetsAreComparedThroughTheirImages() async throws {
        let project = CoreProject(
            """
            version: 1
            provider: placeholder
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: lantern, output: App/Assets.xcassets/Lantern.imageset, prompt: "A lantern.", scales: [1, 2],
                 point_size: [32, 32], appearances: {dark: {prompt: "A lantern at night."}}}
              - {id: sky, output: Images/sky.png, prompt: "A sky."}
            """)
        try GitCLI.makeRepository(project.folder)
        try await project.generate(commit: true)
        let first = try GitCLI.run(["rev-parse", "HEAD"], in: project.folder.path).trimmingCharacters(in: .newlines)
        project.rewrite("A lantern.", "A brass lantern.")
        try await project.generate(commit: true)
        var options = ReviewOptions()
        options.since = first
        let report = try ReviewRunner.write(options: project.options, review: options)
        let lantern = try #require(report.assets.first { $0.id == "lantern" })
        #expect(lantern.status == .changed && lantern.before != nil && lantern.after != nil)
        #expect(report.unchanged.contains("sky") && report.unchanged.contains("lantern.dark"))
    }

    /// An asset made in three variants cost three calls: the page says so.
    @Test func theCostOfAllVariantsIsShown() async throws {
        let folder = TemporaryDirectory("review-cost")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "1K"}
            assets:
              - {id: hero, output: Images/hero.png, prompt: "A hero.", variants: 3}
            """)
        try GitCLI.makeRepository(folder)
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:],
            provider: ScriptedProvider(price: 0.05))
        _ = try await GenerateEngine(
            context: context, options: GenerateOptions(commit: true), reporter: SilentReporter()
        )
        .run()
        let report = try ReviewRunner.write(
            options: ProjectOptions(directory: folder.path, provider: "placeholder"), review: ReviewOptions())
        let hero = try #require(report.assets.first { $0.id == "hero" })
        #expect(abs((hero.costUSD ?? 0) - 0.15) < 1e-9, "\(hero.costUSD ?? -1)")
    }

    @Test func promptDiffsReadAsWholeEdits() {
        #expect(
            PromptDiff.between("A red fox sleeps.", "A grey wolf sleeps.")
                == [
                    DiffPiece(.same, "A "), DiffPiece(.removed, "red fox"), DiffPiece(.added, "grey wolf"),
                    DiffPiece(.same, " sleeps."),
                ])
        #expect(
            PromptDiff.between("one two three", "one three") == [
                DiffPiece(.same, "one "), DiffPiece(.removed, "two "), DiffPiece(.same, "three"),
            ])
        #expect(PromptDiff.between("same", "same") == [DiffPiece(.same, "same")])
        let long = (0..<3000).map { "w\($0)" }
        let diff = PromptDiff.between(long.joined(separator: " "), long.reversed().joined(separator: " "))
        #expect(
            diff.filter { $0.kind != .added }.map(\.text).joined() == long.joined(separator: " "),
            "too large for the table: old, then new")
    }

    @Test func thePageComparesChangedImagesWithTheLastRunsBaseline() async throws {
        let (project, first) = try await reviewedProject()
        let report = try ReviewRunner.write(options: project.options, review: ReviewOptions())
        #expect(report.since.commit == first && report.since.reason == "where the last generate run started")
        #expect(report.assets.map(\.id) == ["fox", "owl"] && report.unchanged == ["sky"])
        let fox = try #require(report.assets.first)
        #expect(fox.status == .changed && fox.reasons == [.promptChanged] && fox.placeholder)
        #expect(
            fox.promptDiff == [
                DiffPiece(.same, "A "), DiffPiece(.removed, "red fox"), DiffPiece(.added, "grey wolf"),
                DiffPiece(.same, " sleeps."),
            ])
        let before = try #require(fox.before)
        let after = try #require(fox.after)
        #expect(before.sha256 != after.sha256 && before.width == 512)
        let folder = ProjectPath.parent(report.page)
        #expect(
            FileManager.default.contents(atPath: folder + "/" + before.src).map(SHA256.hash) == before.sha256,
            "the old image, from git")
        #expect(FileManager.default.contents(atPath: folder + "/" + after.src) == project.folder.read("Images/fox.png"))
        #expect(report.assets[1].reasons == [.referenceChanged(.upstream("fox"))])
        #expect(report.assets[1].after?.src.hasSuffix(".webp") == true)
        let html = try String(contentsOfFile: report.page, encoding: .utf8)
        #expect(html.contains("src=\"\(before.src)\"") && html.contains("src=\"\(after.src)\""))

        let none = try ReviewRunner.write(options: project.options, review: ReviewOptions(since: "HEAD"))
        #expect(none.assets.isEmpty && none.unchanged.count == 3)
        let images = try FileManager.default.contentsOfDirectory(atPath: folder + "/images")
        #expect(images.isEmpty, "images of the earlier page are removed")
        #expect(throws: UserFacingError.self) {
            try ReviewRunner.write(options: project.options, review: ReviewOptions(since: "no-such-branch"))
        }
    }

    @Test func hostileTextIsEscapedAndThePageHasNoScript() async throws {
        let project = CoreProject(
            Self.manifest.replacingOccurrences(
                of: "A sky.", with: "A sky. <script>window.pwned=1</script><img src=x onerror='window.pwned=2'> & more")
        )
        try await project.generate()
        let report = try ReviewRunner.write(options: project.options, review: ReviewOptions(output: "review"))
        #expect(report.page == project.folder.url("review/index.html"))
        #expect(report.since.commit == nil, "not in git: every image is new")
        #expect(report.assets.count == 3 && report.assets.allSatisfy { $0.status == .new })
        let html = try String(contentsOfFile: report.page, encoding: .utf8)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(
            html.contains(
                "&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&#39;window.pwned=2&#39;&gt; &amp; more"
            ))
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
    }

    @Test func failuresShowTheirErrorAndVariantsShowSideBySide() async throws {
        let stub = GeminiStub(options: .init(apiKey: "review-key"))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.finishReason("IMAGE_SAFETY"), times: 5, matching: "owl")
        var project = CoreProject(
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: fox, output: Images/fox.png, prompt: "A fox.", variants: 2, config: {seed: 3}}
              - {id: owl, output: Images/owl.png, prompt: "An owl."}
            """)
        project.environment = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": "review-key", "GEMINI_RETRY_BASE_DELAY": "0.01",
        ]
        let run = try await project.generate()
        #expect(run.asset("owl")?.state == .failed)
        let report = try ReviewRunner.write(
            options: project.options, review: ReviewOptions(), environment: project.environment)
        let owl = try #require(report.assets.first { $0.id == "owl" })
        #expect(owl.status == .failed && owl.error?.message.contains("IMAGE_SAFETY") == true && owl.after == nil)
        let fox = try #require(report.assets.first { $0.id == "fox" })
        #expect(
            fox.variants.map(\.number) == [1, 2] && fox.variants.map(\.picked) == [true, false] && fox.picked == 1)
        #expect(fox.costUSD ?? 0 > 0 && !fox.placeholder)
        #expect(report.lastRun?.providerCalls == run.stats.providerCalls)
        let html = try String(contentsOfFile: report.page, encoding: .utf8)
        #expect(html.contains("data-role=\"error\"") && html.contains("IMAGE_SAFETY"))
        #expect(html.components(separatedBy: "data-role=\"variant\"").count == 3)
        #expect(html.contains("pick fox 2"))
    }
}

extension ReviewTests {
    @Test func aNoOpRunDoesNotHideTheLastRealOne() async throws {
        let (project, first) = try await reviewedProject()
        #expect(try await project.generate(commit: true).stats.providerCalls == 0)
        let report = try ReviewRunner.write(options: project.options, review: ReviewOptions())
        #expect(report.since.commit == first)
        #expect(report.assets.map(\.id) == ["fox", "owl"])
    }

    @Test func withoutARunRecordThePageShowsWhatTheLastCommitChanged() async throws {
        let (project, _) = try await reviewedProject()
        try FileManager.default.removeItem(atPath: project.folder.url(".generate-assets"))
        let parent = try GitCLI.run(["rev-parse", "HEAD~1"], in: project.folder.path).trimmingCharacters(in: .newlines)
        let report = try ReviewRunner.write(options: project.options, review: ReviewOptions())
        #expect(
            report.since.commit == parent && report.since.reason == "the commit before generate-assets' last commit")
        #expect(report.assets.map(\.id) == ["fox", "owl"] && report.lastRun == nil)
        #expect(report.assets[0].reasons == [.promptChanged], "from the lock files then and now")
    }
}
