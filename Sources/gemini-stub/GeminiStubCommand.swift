import ArgumentParser
import Foundation
import GeminiStub

/// `gemini-stub`: the loopback Gemini API stand-in, for trying generate-assets by hand and for harnesses.
@main
struct GeminiStubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-stub",
        abstract: "Serve a loopback imitation of the Gemini image API.",
        discussion: "Point generate-assets at it with GEMINI_BASE_URL=http://127.0.0.1:PORT and GEMINI_API_KEY set to --key."
    )

    @Option(help: "Port on 127.0.0.1 (0: any free port).")
    var port = 0

    @Option(help: "The one API key accepted (read from the environment variable GEMINI_STUB_KEY when not given).")
    var key: String?

    @Option(help: "Seconds added to every answer.")
    var latency = 0.0

    @Option(help: "A fault for the next matching request, e.g. 429:2s, 503, retry-after:503:1, drop, truncate, html:502, block:SAFETY, finish:IMAGE_SAFETY, no-image, jpeg. Repeatable; add @N for N times.")
    var fault: [String] = []

    @Flag(help: "Answer with noisy, barely compressible images (about 25 MB at 4K 16:9), for memory benchmarks.")
    var noise = false

    @Option(help: "Append one JSON line per request to this file.")
    var log: String?

    func run() throws {
        var options = GeminiStub.Options(apiKey: key ?? ProcessInfo.processInfo.environment["GEMINI_STUB_KEY"] ?? "stub-key", latency: latency)
        options.noisyImages = noise
        let stub = GeminiStub(options: options)
        for spec in fault {
            let pieces = spec.split(separator: "@")
            guard let parsed = StubFault(spec: String(pieces[0])) else { throw ValidationError("unknown fault '\(spec)'") }
            stub.script(parsed, times: pieces.count > 1 ? Int(pieces[1]) ?? 1 : 1)
        }
        let logPath = log
        stub.onRequest = { request in
            let line = "\(request.method) \(request.path) → \(request.status)\(request.fault.map { " (fault: \($0))" } ?? "")\n"
            FileHandle.standardError.write(Data(line.utf8))
            guard let logPath else { return }
            let entry: [String: Any] = ["time": request.receivedAt.timeIntervalSince1970, "path": request.path, "model": request.model ?? "",
                                        "prompt": request.prompt ?? "", "status": request.status]
            guard var data = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]) else { return }
            data.append(0x0A)
            if let handle = FileHandle(forWritingAtPath: logPath) ?? (FileManager.default.createFile(atPath: logPath, contents: nil) ? FileHandle(forWritingAtPath: logPath) : nil) {
                handle.seekToEndOfFile()
                handle.write(data)
                try? handle.close()
            }
        }
        let url = try stub.start(port: port)
        FileHandle.standardOutput.write(Data("gemini-stub listening on \(url.absoluteString)\n".utf8))
        while true { sleep(3600) }
    }
}
