import ArgumentParser
import Foundation
import GeminiStub

/// `gemini-stub`: the loopback Gemini API stand-in, for trying generate-assets by hand and for harnesses.
@main
struct GeminiStubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-stub",
        abstract: "Serve a loopback imitation of the Gemini image API.",
        discussion:
            "Point generate-assets at it with GEMINI_BASE_URL=http://127.0.0.1:PORT and GEMINI_API_KEY set to --key."
    )

    @Option(help: "Port on 127.0.0.1 (0: any free port).")
    var port = 0

    @Option(help: "The one API key accepted (read from the environment variable GEMINI_STUB_KEY when not given).")
    var key: String?

    @Option(help: "Seconds added to every answer.")
    var latency = 0.0

    @Option(
        help:
            "A fault for the next matching request, e.g. 429:2s, 503, retry-after:503:1, drop, truncate, html:502, block:SAFETY, finish:IMAGE_SAFETY, no-image, format:jpeg-as-png. Repeatable; add @N for N times."
    )
    var fault: [String] = []

    @Flag(help: "Answer with noisy, barely compressible images (about 25 MB at 4K 16:9), for memory benchmarks.")
    var noise = false

    @Option(help: "Append one JSON line per request to this file.")
    var log: String?

    @Flag(
        help:
            "Act as a proxy that still serves models past their shutdown date (gemini-2.5-flash-image); Google answers 404."
    )
    var serveRetired = false

    @Option(help: "The largest generateContent request in MB (MiB); larger ones answer 400 as at Google.")
    var inlineLimitMb = 20.0

    @Option(help: "Seconds an uploaded file lives before using it answers 403.")
    var fileTtl: Double = 48 * 3600

    @Option(
        help:
            "The answer format of a model: png, jpeg, jpeg-as-png (JPEG bytes labelled image/png) or webp, e.g. gemini-3-pro-image=jpeg-as-png. Repeatable."
    )
    var answerFormat: [String] = []

    @Option(help: "When batches finish: polls:N (the Nth poll sees it done), seconds:S, or manual (never).")
    var batchSchedule = "polls:2"

    @Option(help: "A batch request key that answers an error object instead of an image. Repeatable.")
    var batchFailKey: [String] = []

    @Option(help: "The largest batchGenerateContent request in MB (MiB).")
    var batchInlineLimitMb = 20.0

    @Option(
        help:
            "Seconds a model (and size) takes before answering, e.g. gemini-3-pro-image:4K=75 or gemini-3-pro-image=20. Repeatable."
    )
    var latencyFor: [String] = []

    @Option(
        help:
            "Answer calls for REQUESTED as SERVED, as Google routes retired ids to their replacements, e.g. gemini-3.1-flash-image=gemini-nano-banana-2.1. Repeatable."
    )
    var serveAs: [String] = []

    @Option(help: "The most models a page of GET /{version}/models holds, whatever pageSize asks (Google: 1000).")
    var modelsPageLimit = 1000

    @Option(
        help:
            "A scripted judge answer: QUESTION=no@N answers no the first N times, yes after (QUESTION=yes: always yes). Repeatable."
    )
    var judge: [String] = []

    func run() throws {
        var options = GeminiStub.Options(
            apiKey: key ?? ProcessInfo.processInfo.environment["GEMINI_STUB_KEY"] ?? "stub-key", latency: latency)
        options.noisyImages = noise
        options.servesRetiredModels = serveRetired
        options.inlineLimitBytes = Int(inlineLimitMb * 1_048_576)
        options.fileTTL = fileTtl
        guard let schedule = BatchSchedule(spec: batchSchedule) else {
            throw ValidationError("--batch-schedule wants polls:N, seconds:S or manual")
        }
        options.batchSchedule = schedule
        options.batchFailKeys = Set(batchFailKey)
        options.batchInlineLimitBytes = Int(batchInlineLimitMb * 1_048_576)
        for spec in answerFormat {
            let pieces = spec.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let format = AnswerFormat(rawValue: String(pieces[1])) else {
                throw ValidationError(
                    "--answer-format wants MODEL=\(AnswerFormat.allCases.map(\.rawValue).joined(separator: "|")), not '\(spec)'"
                )
            }
            options.answerFormats[String(pieces[0])] = format
        }
        options.modelsPageLimit = max(1, modelsPageLimit)
        for spec in serveAs {
            let pieces = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, StubModels.all.contains(where: { $0.id == pieces[1] }) else {
                throw ValidationError(
                    "--serve-as wants REQUESTED=SERVED with SERVED one of \(StubModels.all.map(\.id).joined(separator: ", ")), not '\(spec)'"
                )
            }
            options.serveAs[pieces[0]] = pieces[1]
        }
        for spec in latencyFor {
            let pieces = spec.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let seconds = Double(pieces[1]) else {
                throw ValidationError("--latency-for wants MODEL[:SIZE]=SECONDS, not '\(spec)'")
            }
            options.latencyFor[String(pieces[0])] = seconds
        }
        options.judgeScripts = try judge.map {
            guard let script = JudgeScript(spec: $0) else {
                throw ValidationError("--judge wants QUESTION=yes|no[@N], not '\($0)'")
            }
            return script
        }
        let stub = GeminiStub(options: options)
        for spec in fault {
            let pieces = spec.split(separator: "@")
            guard let parsed = StubFault(spec: String(pieces[0])) else {
                throw ValidationError("unknown fault '\(spec)'")
            }
            stub.script(parsed, times: pieces.count > 1 ? Int(pieces[1]) ?? 1 : 1)
        }
        let logPath = log
        stub.onRequest = { request in
            let line =
                "\(request.method) \(request.path) → \(request.status)\(request.fault.map { " (fault: \($0))" } ?? "")\n"
            FileHandle.standardError.write(Data(line.utf8))
            guard let logPath else { return }
            let entry: [String: Any] = [
                "time": request.receivedAt.timeIntervalSince1970, "path": request.path, "model": request.model ?? "",
                "prompt": request.prompt ?? "", "status": request.status,
            ]
            guard var data = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]) else { return }
            data.append(0x0A)
            if let handle = FileHandle(forWritingAtPath: logPath)
                ?? (FileManager.default.createFile(atPath: logPath, contents: nil)
                    ? FileHandle(forWritingAtPath: logPath) : nil)
            {
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
