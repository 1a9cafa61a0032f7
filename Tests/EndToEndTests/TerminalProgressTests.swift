import Foundation
import GeminiStub
import TestSupport
import Testing

/// Progress as the tool prints it: a retry is a line (which asset, why, which attempt, how long until it),
/// and on a real pseudo-terminal (`script` gives the tool one) a status line is redrawn below the lines.
@Suite struct TerminalProgressTests {
    let key = "AIzaPTY-\(UUID().uuidString)"

    /// A stub whose first call answers 503, and a project of the given assets (YAML list items).
    func setUp(_ assets: String) throws -> (GeminiStub, [String: String], TemporaryDirectory) {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        stub.script(.status(503))
        let folder = TemporaryDirectory("progress")
        folder.write(
            "assets.yml",
            "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n\(assets)\n")
        let environment = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
        ]
        return (stub, environment, folder)
    }

    /// `generate --provider gemini --yes --no-commit` on a pseudo-terminal (`script` gives the tool one), with
    /// stdout and stderr in one pipe.
    func generateOnATerminal(in folder: TemporaryDirectory, environment: [String: String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let tool = ToolRunner.locate("generate-assets")
        let arguments = ["generate", "--provider", "gemini", "--yes", "--no-commit"]
        #if os(macOS)
            // BSD script: the typescript file, then the command; it exits with the command's status.
            process.arguments = ["-q", "/dev/null", tool] + arguments
        #else
            // util-linux script: -c runs one shell command, -e returns its status, -f flushes each write.
            process.arguments = ["-qfec", "'\(tool)' " + arguments.joined(separator: " "), "/dev/null"]
        #endif
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging([
            "TERM": "xterm"
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    @Test func aRetryAfter503IsALineWithoutATerminal() throws {
        let (stub, environment, folder) = try setUp("  - {id: fox, output: Images/fox.png, prompt: \"A fox\"}")
        defer { stub.stop() }
        let run = try ToolRunner().run(
            ["generate", "--provider", "gemini", "--yes", "--no-commit"], in: folder.path, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(stub.generateRequests.map(\.status) == [503, 200])
        let retries = run.stderr.split(separator: "\n").filter { $0.hasPrefix("note: retrying fox: HTTP 503") }
        #expect(retries.count == 1, "[\(run.stderr)]")
        #expect(retries.first?.contains("(attempt 2 of 5 in ") == true)
        #expect(!run.stderr.contains("in flight"), "no status line without a terminal")
    }

    @Test func quietPrintsOnlyTheSummary() throws {
        let (stub, environment, folder) = try setUp("  - {id: fox, output: Images/fox.png, prompt: \"A fox\"}")
        defer { stub.stop() }
        let run = try ToolRunner().run(
            ["generate", "--provider", "gemini", "--yes", "--no-commit", "--quiet"], in: folder.path,
            environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(stub.generateRequests.map(\.status) == [503, 200], "it did retry")
        #expect(!run.stderr.contains("retrying") && !run.stderr.contains("Images/fox.png"), "[\(run.stderr)]")
        #expect((run.stdout + run.stderr).contains("1 asset: 1 generated"), "the summary: [\(run.stdout)]")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalAStatusLineIsRedrawnAndARetryIsALine() throws {
        let (stub, environment, folder) = try setUp(
            """
              - {id: fox, output: Images/fox.png, prompt: "A fox"}
              - {id: owl, output: Images/owl.png, prompt: "An owl"}
            """)
        defer { stub.stop() }
        let (process, output) = try generateOnATerminal(in: folder, environment: environment)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[K"), "the status line is redrawn in place: \(text.debugDescription)")
        #expect(text.contains(" in flight, "), "\(text.debugDescription)")
        #expect(
            text.contains("[2 done, 0 in flight, 0 queued, 0 failed, $"), "the last status: \(text.debugDescription)")
        #expect(
            text.contains("retrying ") && text.contains(": HTTP 503"), "a retry is a line: \(text.debugDescription)")
    }

    /// While the stub holds the only call, the status line is redrawn on the ticker (shortened to 0.01 s) though
    /// no event comes: the call is released once three draws showed it in flight, however long that took.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalTheStatusLineIsRedrawnWhileACallIsUnderWay() throws {
        let gate = StubGate()
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("progress-tick")
        folder.write(
            "assets.yml",
            "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n"
                + "  - {id: fox, output: Images/fox.png, prompt: \"A fox\"}\n")
        let (process, output) = try generateOnATerminal(
            in: folder,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GENERATE_ASSETS_STATUS_TICK": "0.01",
            ])
        // Only a watchdog against a hang when the ticker is broken: it never decides a passing run.
        let watchdog = DispatchWorkItem { gate.open() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        var text = ""
        var heldDraws = 0
        while heldDraws < 3 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            heldDraws = text.components(separatedBy: "0 done, 1 in flight, 0 queued").count - 1
        }
        watchdog.cancel()
        gate.open()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(heldDraws >= 3, "redrawn while the call was held: \(text.debugDescription)")
        #expect(stub.generateRequests.count == 1)
        #expect(text.contains("[1 done, 0 in flight, 0 queued, 0 failed, $"), "\(text.debugDescription)")
    }

    /// A failure is printed once: its live line points below, and the summary gives the error and its fix;
    /// with `--quiet` only the summary, with both.
    @Test func aFailureIsPrintedOnce() throws {
        let (stub, environment, folder) = try setUp("  - {id: fox, output: Images/fox.png, prompt: \"A fox\"}")
        defer { stub.stop() }
        stub.script(.blockPrompt("SAFETY"), times: 10)
        for quiet in [false, true] {
            let arguments = ["generate", "--provider", "gemini", "--yes", "--no-commit"] + (quiet ? ["--quiet"] : [])
            let run = try ToolRunner().run(arguments, in: folder.path, environment: environment)
            #expect(run.status == 1)
            let all = run.stdout + run.stderr
            #expect(all.components(separatedBy: "blocked (SAFETY)").count == 2, "once: [\(all)]")
            #expect(all.components(separatedBy: "fix: reword").count == 2, "the fix once: [\(all)]")
            #expect(
                run.stdout.contains("error:") && run.stdout.contains("fix: reword"), "in the summary: [\(run.stdout)]")
            #expect(quiet || run.stderr.contains("fox → Images/fox.png"), "the live line: [\(run.stderr)]")
        }
    }
}
