import Foundation
import GeminiStub
import TestSupport
import Testing

/// With `--json`, a command that fails before printing its report still prints one object on stdout,
/// `{"error": {"kind", "message", "fix"}, "exit_code", "diagnostics"}`, and keeps its text on stderr.
@Suite struct JSONFailureTests {
    let tool = ToolRunner()
    let canary = "AIzaCANARY-\(UUID().uuidString)"

    /// `generate --json` on the ten-asset project with Gemini, the manifest's provider, against a new stub with
    /// `key` in GEMINI_API_KEY (and none in GOOGLE_API_KEY): the run, the requests the stub got, the project.
    func generateWithGemini(_ arguments: [String], key: String) throws -> (ToolRunner.Result, Int, TemporaryDirectory) {
        let stub = GeminiStub(options: .init(apiKey: canary))
        let url = try stub.start()
        defer { stub.stop() }
        let project = TenAssetProject.make()
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "provider: placeholder\n", with: ""))
        let run = try tool.run(
            ["generate", "--json"] + arguments, in: project.path,
            environment: ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GOOGLE_API_KEY": ""])
        return (run, stub.requests.count, project)
    }

    @Test func anInvalidManifestGivesEveryDiagnosticWithItsLine() throws {
        let project = TemporaryDirectory("json-invalid")
        project.write(
            "assets.yml",
            """
            version: 1
            provider: placeholder
            assets:
              - {id: a, output: Images/a.png, prompt: "x", config: {aspect_ratio: "7:3"}}
              - {id: b, output: Images/b.png, prompt: "y", colour: red}
            """)
        for arguments in [["status", "--json"], ["generate", "--json"], ["--json", "validate"]] {
            let run = try tool.run(arguments, in: project.path)
            #expect(run.status == 2, "\(arguments)")
            let failure = try #require(run.commandFailure, "\(arguments): \(run.stdout)")
            #expect(failure.kind == "manifest" && failure.exitCode == 2)
            #expect(failure.message == "2 errors; nothing was written")
            let all = try #require(run.json?["diagnostics"] as? [[String: Any]])
            // Warnings come too: the assets name no model, and the default model is deprecated.
            let diagnostics = all.filter { $0["severity"] as? String == "error" }
            #expect(all.count == 3 && (all.first?["message"] as? String)?.hasPrefix("the default model, ") == true)
            #expect(diagnostics.map { ($0["location"] as? [String: Any])?["line"] as? Int } == [4, 5])
            #expect(diagnostics.map { $0["key"] as? String } == ["assets[a].config.aspect_ratio", "assets[b].colour"])
            #expect(diagnostics.allSatisfy { $0["severity"] as? String == "error" && $0["fix"] is String })
            #expect(
                run.stderr.contains("assets.yml:5:48: error: assets[b].colour: unknown key 'colour'"),
                "the text stays on stderr")
        }
        #expect(!project.exists("Images"))
    }

    @Test func aMissingKeyIsAnAuthFailureNamingTheVariable() throws {
        let (run, requests, _) = try generateWithGemini(["--yes"], key: "")
        #expect(run.status == 1)
        let failure = try #require(run.commandFailure, "\(run.stdout)")
        #expect(failure.kind == "auth" && failure.exitCode == 1)
        #expect(failure.message.contains("no Gemini API key") && failure.message.contains("GEMINI_API_KEY"))
        #expect(failure.fix?.contains("export GEMINI_API_KEY=") == true)
        #expect(run.stderr.contains("error: no Gemini API key"))
        #expect(requests == 0)
    }

    @Test func aSpendWithoutYesAndNoTerminalIsABudgetFailure() throws {
        let (run, requests, project) = try generateWithGemini([], key: canary)
        #expect(run.status == 1)
        let failure = try #require(run.commandFailure, "\(run.stdout)")
        #expect(failure.kind == "budget" && failure.exitCode == 1)
        #expect(failure.message.contains("was not confirmed"))
        #expect(failure.fix?.contains("pass --yes") == true)
        #expect(requests == 0)
        #expect(!project.exists("Images"))
        #expect(!run.stdout.contains(canary) && !run.stderr.contains(canary), "the key leaked")
    }

    @Test func noWaitWhileAnotherRunHoldsTheLock() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let fd = try #require(project.holdRunLock())
        defer { close(fd) }
        for arguments in [["generate", "--no-wait", "--json"], ["pick", "a1", "1", "--no-wait", "--json"]] {
            let run = try tool.run(arguments, in: project.path)
            #expect(run.status == 1, "\(arguments)")
            let failure = try #require(run.commandFailure, "\(arguments): \(run.stdout)")
            #expect(failure.kind == "project" && failure.exitCode == 1)
            #expect(failure.message.contains("another generate-assets run"))
            #expect(failure.fix?.contains("without --no-wait") == true)
        }
        let gate = try tool.run(["status", "--no-placeholders", "--json"], in: project.path)
        #expect(gate.status == 1, "it fails after printing its report")
        #expect(gate.json?["assets"] != nil && gate.json?["error"] == nil, "one object: the report, not a second")
    }

    @Test func aGitErrorIsAProjectFailure() throws {
        let project = TenAssetProject.make()
        try GitCLI.makeRepository(project)
        let run = try tool.run(
            ["show", "c3", "--rev", "no-such-rev", "--json"], in: project.path,
            environment: ["HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(run.status == 1)
        let failure = try #require(run.commandFailure, "\(run.stdout)")
        #expect(failure.kind == "project" && failure.message.contains("'no-such-rev'"))
        #expect(run.stderr.contains("error: git:"))
    }

    @Test func aCommandLineErrorGivenJSONIsAUsageFailure() throws {
        let folder = TemporaryDirectory("json-usage")
        let unknown = try tool.run(["status", "--bogus", "--json"], in: folder.path)
        #expect(unknown.status == 64)
        let failure = try #require(unknown.commandFailure, "\(unknown.stdout)")
        #expect(failure.kind == "usage" && failure.exitCode == 64)
        #expect(failure.message == "Unknown option '--bogus'")
        #expect(failure.fix == "see 'generate-assets status --help' for the options and arguments")
        #expect(unknown.stderr.contains("Usage: generate-assets status"), "ArgumentParser's text stays on stderr")
        let badValue = try tool.run(["--json", "cache", "gc", "--keep-days", "soon"], in: folder.path)
        #expect(badValue.status == 64 && badValue.commandFailure?.kind == "usage")
        #expect(badValue.commandFailure?.fix?.contains("'generate-assets cache gc --help'") == true)
        let invalid = try tool.run(["generate", "--jobs", "0", "--json"], in: folder.path)
        #expect(invalid.status == 64 && invalid.commandFailure?.message == "--jobs must be between 1 and 64")
        let text = try tool.run(["status", "--bogus"], in: folder.path)
        #expect(text.status == 64 && text.stdout.isEmpty, "without --json stdout stays empty")
        let help = try tool.run(["status", "--help", "--json"], in: folder.path)
        #expect(help.status == 0 && help.stdout.contains("USAGE: generate-assets status"), "help is not a failure")
    }
}
