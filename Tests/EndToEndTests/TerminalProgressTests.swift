import Foundation
import GeminiStub
import TestSupport
import Testing

/// Progress on a real pseudo-terminal (`script` gives the tool one): the redrawn status line and retry lines.
@Suite struct TerminalProgressTests {
    let key = "AIzaPTY-\(UUID().uuidString)"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalAStatusLineIsRedrawnAndARetryIsALine() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        stub.script(.status(503))
        let folder = TemporaryDirectory("pty-progress")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: fox, output: Images/fox.png, prompt: "A fox"}
              - {id: owl, output: Images/owl.png, prompt: "An owl"}

            """)
        let tool = ToolRunner.locate("generate-assets")
        let command = "'\(tool)' generate --provider gemini --yes --no-commit"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            "TERM": "xterm",
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
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
}
