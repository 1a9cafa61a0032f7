import Foundation
import GeminiStub
import TestSupport
import Testing

/// `models`, `doctor`, answers served by another model and unknown finish reasons, through the built
/// executable against the stub.
@Suite struct ModelChurnEndToEndTests {
    let tool = ToolRunner()
    let key = "AIzaCHURN-\(UUID().uuidString)"

    func environment(_ url: URL, key: String? = nil) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key ?? self.key, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    static let manifest = """
        version: 1
        models:
          gemini-4-flash-image: {aspect_ratios: ["1:1"], price_per_image_usd: 0.05}
        assets:
          - {id: old, output: Images/old.png, prompt: "An old fox", config: {model: gemini-3.1-flash-image, image_size: 1K}}
          - {id: new, output: Images/new.png, prompt: "A new fox", config: {model: gemini-nano-banana-2.1}}
          - {id: next, output: Images/next.png, prompt: "A future fox", config: {model: gemini-4-flash-image}}
        """

    /// Two assets on `model`, nothing else.
    static func project(model: String) -> String {
        """
        version: 1
        defaults: {model: \(model), image_size: 1K}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A fox"}
          - {id: owl, output: Images/owl.png, prompt: "An owl"}
        """
    }

    func stub(_ configure: (inout GeminiStub.Options) -> Void = { _ in }) throws -> (GeminiStub, URL) {
        var options = GeminiStub.Options(apiKey: key)
        configure(&options)
        let stub = GeminiStub(options: options)
        return (stub, try stub.start())
    }

    func check(_ name: String, in run: ToolRunner.Result) -> [String: Any]? {
        (run.json?["checks"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test func modelsListsTheServiceAndWhereEachManifestModelStands() throws {
        let (stub, url) = try stub { $0.modelsPageLimit = 3 }
        defer { stub.stop() }
        let project = TemporaryDirectory("models-command")
        project.write("assets.yml", Self.manifest)
        let run = try tool.run(["models", "--json"], in: project.path, environment: environment(url))
        #expect(run.status == 0, "\(run.stderr)")
        let offered = (run.json?["offered"] as? [[String: Any]]) ?? []
        let images = offered.map { $0["image"] as? Bool == true }
        #expect(images.contains(true) && images.contains(false))
        #expect(images == images.sorted { $0 && !$1 }, "image models first: \(offered.map { $0["id"] ?? "" })")
        #expect(offered.count == StubModels.listed(servesRetired: false).count, "every page")
        let manifest = Dictionary(
            uniqueKeysWithValues: ((run.json?["manifest"] as? [[String: Any]]) ?? []).map { ($0["id"] as! String, $0) })
        let old = try #require(manifest["gemini-3.1-flash-image"])
        #expect(old["source"] as? String == "built-in" && old["deprecated_on"] as? String == "2026-10-06")
        #expect(old["replacement"] as? String == "gemini-nano-banana-2.1" && old["offered"] as? Bool == true)
        #expect(manifest["gemini-nano-banana-2.1"]?["deprecated_on"] == nil)
        #expect(manifest["gemini-nano-banana-2.1"]?["offered"] as? Bool == true)
        let next = try #require(manifest["gemini-4-flash-image"])
        #expect(next["source"] as? String == "declared" && next["offered"] as? Bool == false)
        #expect(stub.generateRequests.isEmpty, "it costs nothing")
        let text = try tool.run(["models"], in: project.path, environment: environment(url))
        #expect(
            text.stdout.contains("gemini-4-flash-image: declared in models:, not offered by the service"),
            "\(text.stdout)")
        #expect(text.stdout.contains("gemini-3.1-flash-image: built in, deprecated on 2026-10-06"))
    }

    @Test func doctorPassesAgainstTheStub() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        let project = TemporaryDirectory("doctor-ok")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", Self.project(model: "gemini-nano-banana-2.1"))
        let run = try tool.run(["doctor", "--json"], in: project.path, environment: environment(url))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.json?["ok"] as? Bool == true)
        let names = ((run.json?["checks"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(
            Set(names)
                == [
                    "manifest", "key", "base_url", "key_accepted", "models", "libvips", "libgit2", "cache", "notes",
                    "answers",
                ])
        #expect(stub.generateRequests.isEmpty)
        let text = try tool.run(["doctor"], in: project.path, environment: environment(url))
        #expect(text.stdout.split(separator: "\n").count == names.count, "one line per check: \(text.stdout)")
    }

    @Test func doctorFailsWithAFixForAWrongKey() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        let project = TemporaryDirectory("doctor-key")
        project.write("assets.yml", Self.project(model: "gemini-nano-banana-2.1"))
        let run = try tool.run(["doctor", "--json"], in: project.path, environment: environment(url, key: "wrong-key"))
        #expect(run.status == 1)
        let accepted = try #require(check("key_accepted", in: run))
        #expect(accepted["ok"] as? Bool == false)
        #expect((accepted["detail"] as? String)?.contains("rejected as not valid") == true, "\(accepted)")
        #expect((accepted["fix"] as? String)?.contains("GEMINI_API_KEY") == true)
        #expect(check("base_url", in: run)?["ok"] as? Bool == true, "the URL answered")
        let text = try tool.run(["doctor"], in: project.path, environment: environment(url, key: "wrong-key"))
        #expect(
            text.status == 1 && text.stdout.contains("FAIL key_accepted")
                && text.stdout.contains("fix: set a valid key"))
    }

    @Test func doctorFailsWithAFixForAMissingModel() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        let project = TemporaryDirectory("doctor-model")
        project.write("assets.yml", Self.manifest)
        let run = try tool.run(["doctor", "--json"], in: project.path, environment: environment(url))
        #expect(run.status == 1)
        let models = try #require(check("models", in: run))
        #expect(models["ok"] as? Bool == false)
        #expect(models["detail"] as? String == "not offered by the service: gemini-4-flash-image")
        #expect(
            (models["fix"] as? String)?.hasPrefix("check the id of gemini-4-flash-image under 'models:' on line 3")
                == true)
        #expect(check("key_accepted", in: run)?["ok"] as? Bool == true)
    }

    @Test func doctorFailsWithAFixForAnUnloadableLibvips() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        let project = TemporaryDirectory("doctor-vips")
        project.write("assets.yml", Self.project(model: "gemini-nano-banana-2.1"))
        var env = environment(url)
        env["GENERATE_ASSETS_LIBVIPS"] = project.url("no-such-libvips.so")
        let run = try tool.run(["doctor", "--json"], in: project.path, environment: env)
        #expect(run.status == 1)
        let vips = try #require(check("libvips", in: run))
        #expect(vips["ok"] as? Bool == false)
        #expect((vips["detail"] as? String)?.contains("GENERATE_ASSETS_LIBVIPS") == true, "\(vips)")
        #expect((vips["fix"] as? String)?.contains("apt-get install libvips-dev") == true)
        #expect(check("libgit2", in: run)?["ok"] as? Bool == true)
    }

    @Test func doctorGivesTheGitConfigLinesThatShareTheNotes() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        let project = TemporaryDirectory("doctor-notes")
        try GitCLI.makeRepository(project)
        try GitCLI.run(["remote", "add", "origin", project.url("elsewhere.git")], in: project.path)
        project.write("assets.yml", Self.project(model: "gemini-nano-banana-2.1"))
        let run = try tool.run(["doctor", "--json"], in: project.path, environment: environment(url))
        #expect(run.status == 1)
        for name in ["notes", "answers"] {
            let shared = try #require(check(name, in: run))
            #expect(shared["ok"] as? Bool == false)
            let fix = try #require(shared["fix"] as? String)
            let lines = fix.components(separatedBy: "; ").filter { $0.hasPrefix("git config") }
            #expect(lines.count == 3, "\(fix)")
            for line in lines {
                let words = line.split(separator: " ").dropFirst().map {
                    String($0).replacingOccurrences(of: "'", with: "")
                }
                try GitCLI.run(Array(words), in: project.path)
            }
        }
        let again = try tool.run(["doctor", "--json"], in: project.path, environment: environment(url))
        #expect(again.status == 0, "\(again.stdout)")
        #expect(check("notes", in: again)?["ok"] as? Bool == true)
        #expect(check("answers", in: again)?["ok"] as? Bool == true)
        let fetches = try GitCLI.run(["config", "--get-all", "remote.origin.fetch"], in: project.path)
        #expect(fetches.contains("+refs/generate-assets/answers:refs/generate-assets/remotes/origin/answers"))
    }

    @Test func anAnswerFromAnotherModelWarnsOnceAndTheLockAndNoteRecordBoth() throws {
        let (stub, url) = try stub { $0.serveAs = ["gemini-3.1-flash-image": "gemini-nano-banana-2.1"] }
        defer { stub.stop() }
        let project = TemporaryDirectory("served-by")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", Self.project(model: "gemini-3.1-flash-image"))
        let run = try tool.run(["generate", "--yes", "--json"], in: project.path, environment: environment(url))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.ids(in: "generated") == ["fox", "owl"])
        let warning = "gemini-3.1-flash-image was answered by gemini-nano-banana-2.1"
        #expect(
            run.stderr.components(separatedBy: warning).count == 2, "once for the model, not per asset: \(run.stderr)")
        let lock = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: project.url("assets.lock"))))
                as? [String: Any])
        for id in ["fox", "owl"] {
            let entry = (lock["assets"] as? [String: Any])?[id] as? [String: Any]
            #expect(entry?["model"] as? String == "gemini-3.1-flash-image")
            #expect(entry?["served_by"] as? String == "gemini-nano-banana-2.1")
        }
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: project.path)
        #expect(note.contains("\"model\" : \"gemini-3.1-flash-image\""), "\(note)")
        #expect(note.contains("\"model_version\" : \"gemini-nano-banana-2.1\""))
        let costs = ((run.json?["assets"] as? [[String: Any]]) ?? []).compactMap { $0["cost_usd"] as? Double }
        #expect(costs.count == 2 && costs.allSatisfy { $0 < 0.04 }, "at Nano Banana 2.1's $30/M, not $60/M: \(costs)")
        let warnings = (run.json?["warnings"] as? [[String: Any]]) ?? []
        #expect(warnings.contains { ($0["message"] as? String)?.hasPrefix(warning) == true })
    }

    @Test func aFinishReasonNobodyKnowsFailsOneAssetWithThatWord() throws {
        let (stub, url) = try stub()
        defer { stub.stop() }
        stub.script(.finishReason("SOMETHING_NEW"), times: 5, matching: "An owl")
        let project = TemporaryDirectory("finish-reason")
        project.write("assets.yml", Self.project(model: "gemini-nano-banana-2.1"))
        let run = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: project.path, environment: environment(url))
        #expect(run.status == 1)
        #expect(run.states["fox"] == "generated" && run.states["owl"] == "failed")
        let failure = try #require(run.failure("owl"))
        #expect(failure.message.contains("SOMETHING_NEW") && failure.message.contains("Finished with SOMETHING_NEW."))
        #expect(!FileManager.default.fileExists(atPath: project.url("Images/owl.png")))
    }
}
