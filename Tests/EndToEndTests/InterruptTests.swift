import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Ctrl-C during a run: the calls still under way are recorded as possibly billed before the process
/// exits, and what was already answered is kept.
@Suite struct InterruptTests {
    let tool = ToolRunner()
    let key = "interrupt-\(UUID().uuidString)"

    @Test func anInterruptedRunRecordsTheCallsItLeftOpen() throws {
        var options = GeminiStub.Options(apiKey: key)
        // The slow call's answer is held until the stub stops: under way for as long as the test needs.
        let gate = StubGate { $0.model == "gemini-3-pro-image" }
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("interrupt")
        folder.write(
            "assets.yml",
            """
            version: 1
            assets:
              - {id: quick, output: Images/quick.png, prompt: "A quick sketch.", config: {model: gemini-3.1-flash-lite-image}}
              - {id: slow, output: Images/slow.png, prompt: "A slow painting.", config: {model: gemini-3-pro-image}}
            """)
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.executable)
        process.arguments = ["generate", "--yes", "--no-commit", "--jobs", "2", "--json"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stderr = Pipe()
        let stdout = Pipe()
        process.standardError = stderr
        process.standardOutput = stdout
        try process.run()
        // Both calls start at once; wait until the slow one is held at the stub and the quick one is answered
        // and written: states, not a wall-clock guess.
        try #require(gate.waitUntilHeld(1), "the slow call reached the stub")
        let deadline = Date().addingTimeInterval(300)  // only keeps a broken run from hanging the test
        while folder.read("Images/quick.png") == nil, Date() < deadline { usleep(20_000) }
        try #require(
            stub.generateRequests.count == 2 && folder.read("Images/quick.png") != nil, "the run did not get going")
        process.interrupt()
        process.waitUntilExit()
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let printed = stdout.fileHandleForReading.readDataToEndOfFile()
        let object = try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any], "one object")
        #expect((object["error"] as? [String: Any])?["kind"] as? String == "interrupted")
        #expect(object["exit_code"] as? Int == 130)

        #expect(process.terminationStatus == 130, "\(said)")
        #expect(said.contains("interrupted: 1 call was under way and may still be billed"), "\(said)")
        let usage = try tool.run(["usage", "--by", "asset", "--json"], in: folder.path)
        let rows = (usage.json?["rows"] as? [[String: Any]]) ?? []
        let slow = rows.first { $0["key"] as? String == "slow" }
        #expect(slow?["possibly_billed"] as? Int == 1, "\(usage.stdout)")
        #expect(((slow?["possibly_billed_usd"] as? Double) ?? 0) > 0)
        #expect(!said.contains(key))

        let status = try tool.run(["status", "--json"], in: folder.path, environment: environment)
        let quick = (status.json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == "quick" }
        #expect(quick?["state"] as? String == "fresh", "the answered image was kept and written: \(status.stdout)")
        #expect(folder.read("Images/slow.png") == nil)
    }
}
