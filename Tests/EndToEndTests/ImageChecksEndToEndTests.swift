import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// `checks:` and `alt:` over real HTTP against the stub: image calls and judge calls are counted at the stub.
@Suite struct ImageChecksEndToEndTests {
    let tool = ToolRunner()
    static let key = "stub-key-for-checks"
    static let judge = "gemini-2.5-flash"

    static func manifest(question: String = "Is there exactly one fox?", attempts: Int = 3, alt: String = "auto")
        -> String
    {
        """
        version: 1
        provider: gemini
        checks:
          model: \(judge)
        alt_text_file: Site/alt.json
        assets:
          - id: banner
            output: Images/banner.png
            prompt: "A storybook banner with the title 'Fen's Winter' in a serif font, a fox in the snow."
            config:
              model: gemini-3.1-flash-image
              seed: 7
            checks:
              text: "FEN\u{2019}S   winter"
              no_other_text: true
              expect:
                - "\(question)"
              attempts: \(attempts)
            alt: \(alt)

        """
    }

    /// A started stub whose judge answers no to the fox question the first `noTimes` times.
    static func stub(noTimes: Int, configure: (inout GeminiStub.Options) -> Void = { _ in }) throws -> (GeminiStub, URL)
    {
        var options = GeminiStub.Options(apiKey: key)
        options.judgeScripts = [JudgeScript(question: "Is there exactly one fox?", answer: false, times: noTimes)]
        configure(&options)
        let stub = GeminiStub(options: options)
        return (stub, try stub.start())
    }

    func project(_ manifest: String = Self.manifest()) throws -> TemporaryDirectory {
        let project = TemporaryDirectory("checks")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", manifest)
        return project
    }

    func generate(_ project: TemporaryDirectory, _ url: URL, _ extra: [String] = []) throws -> ToolRunner.Result {
        try tool.run(
            ["generate", "--yes", "--json"] + extra, in: project.path,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": Self.key, "GEMINI_RETRY_BASE_DELAY": "0.01",
                "HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1",
            ])
    }

    func calls(_ stub: GeminiStub) -> (images: Int, judge: Int) {
        let paths = stub.generateRequests.filter { $0.status == 200 }.map(\.path)
        let judge = paths.filter { $0.contains("/models/\(Self.judge):") }.count
        return (paths.count - judge, judge)
    }

    func lockEntry(_ project: TemporaryDirectory) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: project.url("assets.lock")))
        let lock = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require((lock["assets"] as? [String: Any])?["banner"] as? [String: Any])
    }

    @Test func aFailingFirstImageIsRerolledAndTheSecondPasses() throws {
        let (stub, url) = try ImageChecksEndToEndTests.stub(noTimes: 1)
        defer { stub.stop() }
        let project = try project()
        let plan = try tool.run(["status", "--provider", "gemini"], in: project.path)
        #expect(plan.stdout.contains("1 to 3 images"), "\(plan.stdout)")
        let run = try generate(project, url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(calls(stub).images == 2 && calls(stub).judge == 2, "\(calls(stub))")
        let entry = try lockEntry(project)
        #expect(entry["picked"] as? Int == 2, "variant 2 is written")
        let checks = try #require(entry["checks"] as? [String: Any])
        let verdict = try #require(checks["verdict"] as? [String: Any])
        #expect(verdict["passed"] as? Bool == true && verdict["variant"] as? Int == 2)
        let attempts = try #require(checks["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["passed"] as? Bool } == [false, true])
        let written = try #require(FileManager.default.contents(atPath: project.url("Images/banner.png")))
        let second = stub.generateRequests.filter { !$0.path.contains(Self.judge) }.last?.imageSHA256
        #expect(SHA256.hash(written).hex == second, "the image written is the second one made")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: project.path)
        #expect(note.contains("\"checks\"") && note.contains("scripted no for this question"))
        // Alt text: in the lock, the note and the alt text file, which is committed with the image.
        let alt = try #require(entry["alt"] as? String)
        #expect(alt.count <= 125 && alt.contains("Fen's Winter"))
        #expect(note.contains(alt))
        let file = try #require(FileManager.default.contents(atPath: project.url("Site/alt.json")))
        #expect((try JSONSerialization.jsonObject(with: file) as? [String: String])?["Images/banner.png"] == alt)
        #expect(try GitCLI.run(["ls-files", "Site/alt.json"], in: project.path) == "Site/alt.json\n")
        #expect(try GitCLI.run(["status", "--porcelain", "Site"], in: project.path).isEmpty)

        let show = try tool.run(["show", "banner"], in: project.path, environment: ["HOME": project.path])
        #expect(
            show.stdout.contains("alt text:     \(alt)") && show.stdout.contains("checks:       passed"),
            "\(show.stdout)")
        let usage = try tool.run(["usage", "--by", "model", "--json"], in: project.path)
        #expect(usage.stdout.contains(Self.judge), "judge calls are in the call log: \(usage.stdout)")
        let status = try tool.run(["status", "--json"], in: project.path)
        let shown = (status.json?["assets"] as? [[String: Any]])?.first
        #expect(shown?["alt"] as? String == alt && shown?["checks"] != nil, "\(status.stdout)")
        // A no-op run asks nothing.
        let again = try generate(project, url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(calls(stub).images == 2 && calls(stub).judge == 2, "no call on a no-op run: \(calls(stub))")

        // A changed question: one judge call, no image call.
        project.write("assets.yml", Self.manifest(question: "Is the background a snowy landscape?"))
        let changed = try generate(project, url)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(calls(stub).images == 2 && calls(stub).judge == 3, "\(calls(stub))")
        let rejudged = try #require(try lockEntry(project)["checks"] as? [String: Any])
        let results = try #require((rejudged["verdict"] as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.contains { $0["check"] as? String == "Is the background a snowy landscape?" })

        // A question the image fails: the other cached variant is judged (no image call), then one new image is made
        // (attempts: 3); all fail, so the run fails, the committed image stays, and status --check fails on it.
        stub.scriptJudge(JudgeScript(question: "Is it night?", answer: false, times: 100))
        project.write("assets.yml", Self.manifest(question: "Is it night?", attempts: 3))
        let failing = try generate(project, url)
        #expect(failing.status == 1)
        #expect(failing.failure("banner")?.kind == "checks_failed")
        #expect(calls(stub).images == 3 && calls(stub).judge == 6, "\(calls(stub))")
        #expect(
            SHA256.hash(try #require(FileManager.default.contents(atPath: project.url("Images/banner.png"))))
                == SHA256.hash(written))
        let check = try tool.run(["status", "--check"], in: project.path, environment: ["HOME": project.path])
        #expect(check.status == 1 && check.stdout.contains("checks:"), "\(check.stdout)")
    }

    @Test func aJudgeThatKeepsFailingPassesNothingAndOnlyTheJudgeIsAskedAgain() throws {
        let stub = GeminiStub(options: GeminiStub.Options(apiKey: Self.key))
        let url = try stub.start()
        defer { stub.stop() }
        // The client makes 5 attempts (RetryPolicy): every one of them meets a 503.
        stub.script(.status(503), times: 5, matching: "You check a generated image")
        let project = try project()
        let run = try generate(project, url)
        #expect(run.status == 1)
        #expect(run.failure("banner")?.message.contains("the judge (gemini-2.5-flash) failed") == true, "\(run.stdout)")
        #expect(calls(stub).images == 1, "the image was made once")
        let judged = stub.generateRequests.filter { $0.path.contains(Self.judge) }
        #expect(judged.count == 5 && judged.allSatisfy { $0.status == 503 }, "retried like any call")
        #expect(!FileManager.default.fileExists(atPath: project.url("Images/banner.png")), "no check passed")
        let again = try generate(project, url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(calls(stub).images == 1 && calls(stub).judge == 1, "the cached image, judged: \(calls(stub))")
    }

    @Test func exhaustedAttemptsFailAndStatusCheckFailsUntilPicked() throws {
        let (stub, url) = try ImageChecksEndToEndTests.stub(noTimes: 5)
        defer { stub.stop() }
        let project = try project(Self.manifest(attempts: 2))
        let run = try generate(project, url)
        #expect(run.status == 1)
        #expect(run.failure("banner")?.kind == "checks_failed")
        #expect(run.failure("banner")?.message.contains("variant 2: failed 'Is there exactly one fox?'") == true)
        #expect(calls(stub).images == 2 && calls(stub).judge == 2, "\(calls(stub))")
        #expect(!FileManager.default.fileExists(atPath: project.url("Images/banner.png")), "nothing is written")
        let environment = ["HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1"]
        let status = try tool.run(["status", "--check"], in: project.path, environment: environment)
        #expect(status.status != 0)
        // Again: the cached verdicts answer, nothing is paid for twice.
        let again = try generate(project, url)
        #expect(again.status == 1)
        #expect(calls(stub).images == 2 && calls(stub).judge == 2, "\(calls(stub))")
        let pick = try tool.run(["pick", "banner", "2", "--json"], in: project.path, environment: environment)
        #expect(pick.status == 0, "\(pick.stderr)")
        let checks = try #require(try lockEntry(project)["checks"] as? [String: Any])
        #expect(checks["accepted"] as? Bool == true)
        let after = try tool.run(["status", "--check"], in: project.path, environment: environment)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
    }
}

/// The review page of a re-rolled asset in headless Chromium: the verdicts with the judge's reasons, failing first,
/// and the alt text.
@Suite struct ImageChecksReviewBrowserTests {
    let tool = ToolRunner()

    @Test(
        .enabled(
            if: ReviewPageBrowserTests.chromium != nil && ReviewPageBrowserTests.chromedriver != nil,
            "chromium and chromium-driver are not installed"))
    func theReviewPageShowsVerdictsAndAltText() throws {
        let (stub, url) = try ImageChecksEndToEndTests.stub(noTimes: 1)
        defer { stub.stop() }
        let checks = ImageChecksEndToEndTests()
        let project = try checks.project()
        let run = try checks.generate(project, url, ["--report"])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(run.json?["report"] as? String)
        let root = ReviewPageBrowserTests.root
        let python = try BrowserEnvironment.python(root: root)
        let browser = try ToolRunner(executable: python).run(
            [root + "/Scripts/check-review-page.py", page, project.url("review.png")], in: project.path,
            environment: [
                "CHROMIUM": ReviewPageBrowserTests.chromium!, "CHROMEDRIVER": ReviewPageBrowserTests.chromedriver!,
            ])
        #expect(browser.status == 0, "\(browser.stderr)")
        let facts = try #require(browser.json, "the script printed: \(browser.stdout) \(browser.stderr)")
        #expect(((facts["console"] as? [[String: Any]]) ?? []).isEmpty)
        let shown = try #require(facts["checks"] as? [[String: Any]])
        let texts = shown.compactMap { $0["text"] as? String }
        #expect(shown.allSatisfy { $0["asset"] as? String == "banner" && $0["visible"] as? Bool == true })
        #expect(texts.contains { $0.contains("✓") && $0.contains("Is there exactly one fox?") && $0.contains("yes") })
        #expect(
            texts.contains { $0.contains("✗") && $0.contains("variant 1") && $0.contains("scripted no") },
            "the failed attempt with the judge's reason: \(texts)")
        #expect(texts.contains { $0.contains("text: FEN") && $0.contains("Fen's Winter") })
        let alts = try #require(facts["alts"] as? [[String: Any]])
        #expect(alts.first?["text"] as? String == (try checks.lockEntry(project)["alt"] as? String))
    }
}

/// With `--batch`, images land through Batch API jobs, are judged when they land, and a re-roll goes into the
/// next job.
@Suite struct ImageChecksBatchTests {
    @Test func aFailingBatchAnswerIsRerolledInTheNextJob() throws {
        let (stub, url) = try ImageChecksEndToEndTests.stub(noTimes: 1) { $0.batchSchedule = .manual }
        defer { stub.stop() }
        let checks = ImageChecksEndToEndTests()
        let project = try checks.project()
        let submit = try checks.generate(project, url, ["--batch"])
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(stub.batchRequests.count == 1)
        stub.completeAllBatches()
        let landed = try checks.generate(project, url, ["--batch"])
        #expect(landed.status == 0, "\(landed.stderr)")
        #expect(landed.states["banner"] == "stale", "nothing written: the next attempt waits in a job")
        #expect(stub.batchRequests.count == 2, "the re-roll is the next job")
        #expect(checks.calls(stub).images == 0 && checks.calls(stub).judge == 1, "\(checks.calls(stub))")
        #expect(!FileManager.default.fileExists(atPath: project.url("Images/banner.png")))
        stub.completeAllBatches()
        let done = try checks.generate(project, url)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(checks.calls(stub).images == 0 && checks.calls(stub).judge == 2, "\(checks.calls(stub))")
        let entry = try checks.lockEntry(project)
        #expect(entry["picked"] as? Int == 2)
        #expect(((entry["checks"] as? [String: Any])?["verdict"] as? [String: Any])?["passed"] as? Bool == true)
    }
}
