import AssetSupport
import Foundation
import GeminiStub

/// `crash-harness`: runs `generate-assets generate` against the Gemini stub and kills it with SIGKILL at a
/// random moment, again and again, checking after every kill that nothing was torn, lost or corrupted.
@main
struct CrashHarness {
    struct Figures {
        var kills = 0, tornFiles = 0, integrityFailures = 0, fsckFailures = 0, notelessCommits = 0
        var lostImages = 0, duplicateRequests = 0, delivered = 0, requests = 0
    }

    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil }
                ?? fallback
        }
        let kills = option("--kills", 50)
        let assets = option("--assets", 20)
        let seed = option("--seed", Int(Date().timeIntervalSince1970))
        var random = SplitMix(seed: UInt64(seed))
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "generate-assets"
        ).path
        let key = "crash-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key, latency: 0.25))
        let base = try stub.start()
        let project = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crash-harness-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try shell(["git", "init", "-q", "-b", "main"], in: project)
        try shell(["git", "config", "user.name", "Crash Harness"], in: project)
        try shell(["git", "config", "user.email", "crash@example.com"], in: project)
        print("crash-harness: \(kills) kills, \(assets) assets, seed \(seed), project \(project)")

        var figures = Figures()
        var versions = [Int](repeating: 0, count: assets)
        for cycle in 1...kills {
            // New work every cycle: a few prompts change, so each kill lands in the middle of real calls.
            for _ in 0..<4 { versions[Int(random.next() % UInt64(assets))] = cycle }
            try manifest(assets: assets, versions: versions).write(
                toFile: project + "/assets.yml", atomically: true, encoding: .utf8)
            let process = try launch(
                tool, ["generate", "--provider", "gemini", "--yes", "--jobs", "4"], in: project, base: base, key: key)
            usleep(useconds_t(50_000 + random.next() % 1_500_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            figures.kills += 1
            try check(project: project, tool: tool, stub: stub, figures: &figures, cycle: cycle)
        }
        // Finish the work, then account for every image the stub handed out.
        let last = try launch(
            tool, ["generate", "--provider", "gemini", "--yes", "--jobs", "4"], in: project, base: base, key: key)
        last.waitUntilExit()
        let cached = Set(
            try shell(
                [
                    "python3", "-c",
                    "import sqlite3,sys; print('\\n'.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute('select sha256 from blobs')))",
                    project + "/.generate-assets/cache.sqlite",
                ], in: project
            ).split(separator: "\n").map(String.init))
        let answered = stub.generateRequests.filter { $0.status == 200 && $0.delivered }
        figures.requests = stub.generateRequests.count
        figures.delivered = answered.count
        figures.lostImages = Set(answered.compactMap(\.imageSHA256)).subtracting(cached).count
        var seen: [String: Int] = [:]
        for request in answered { seen[request.bodySHA256, default: 0] += 1 }
        figures.duplicateRequests = seen.values.map { $0 - 1 }.reduce(0, +)
        print(
            """
            kills: \(figures.kills)
            torn files: \(figures.tornFiles)
            integrity failures: \(figures.integrityFailures) (PRAGMA integrity_check, cache verify)
            git fsck failures: \(figures.fsckFailures); generate-assets commits without a note: \(figures.notelessCommits)
            images delivered by the stub: \(figures.delivered) of \(figures.requests) requests
            lost images: \(figures.lostImages) (delivered, but not in the cache at the end)
            duplicate requests: \(figures.duplicateRequests) (an identical call answered 200 more than once)
            final run exit code: \(last.terminationStatus)
            """)
        stub.stop()
        let clean =
            figures.tornFiles + figures.integrityFailures + figures.fsckFailures + figures.notelessCommits == 0
            && last.terminationStatus == 0
        exit(clean ? 0 : 1)
    }

    static func manifest(assets: Int, versions: [Int]) -> String {
        var yaml = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n"
        for index in 0..<assets {
            yaml +=
                "  - {id: a\(index), output: Images/a\(index).png, prompt: \"picture \(index), revision \(versions[index])\"}\n"
        }
        return yaml
    }

    /// After a kill: outputs whole and known, cache intact, repository sound.
    static func check(project: String, tool: String, stub: GeminiStub, figures: inout Figures, cycle: Int) throws {
        let known = Set(stub.generateRequests.compactMap(\.imageSHA256))
        let images = (try? FileManager.default.contentsOfDirectory(atPath: project + "/Images")) ?? []
        for name in images {
            let data = FileManager.default.contents(atPath: project + "/Images/" + name) ?? Data()
            if name.contains(".tmp-") { continue }  // an unfinished temp file is not an output
            if ImageFormat.sniff(data) != .png || !known.contains(SHA256.hash(data).hex) {
                figures.tornFiles += 1
                print("cycle \(cycle): torn or unknown output \(name) (\(data.count) bytes)")
            }
        }
        if FileManager.default.fileExists(atPath: project + "/.generate-assets/cache.sqlite") {
            let integrity =
                (try? shell(
                    [
                        "python3", "-c",
                        "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])",
                        project + "/.generate-assets/cache.sqlite",
                    ], in: project)) ?? "failed"
            let verify = try launch(tool, ["cache", "verify"], in: project, base: nil, key: nil, quiet: true)
            verify.waitUntilExit()
            if integrity.trimmingCharacters(in: .whitespacesAndNewlines) != "ok" || verify.terminationStatus != 0 {
                figures.integrityFailures += 1
                print("cycle \(cycle): cache integrity '\(integrity)', cache verify exit \(verify.terminationStatus)")
            }
        }
        if (try? shell(["git", "rev-parse", "HEAD"], in: project)) != nil {
            if (try? shell(["git", "fsck", "--strict", "--no-dangling"], in: project)) == nil {
                figures.fsckFailures += 1
                print("cycle \(cycle): git fsck failed")
            }
            let subject = (try? shell(["git", "log", "-1", "--format=%s"], in: project)) ?? ""
            if subject.hasPrefix("generate-assets:"),
                (try? shell(["git", "notes", "--ref=generate-assets", "show", "HEAD"], in: project)) == nil
            {
                figures.notelessCommits += 1
                print("cycle \(cycle): HEAD has no provenance note")
            }
        }
    }

    static func launch(
        _ tool: String, _ arguments: [String], in directory: String, base: URL?, key: String?, quiet: Bool = true
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        if let base { environment["GEMINI_BASE_URL"] = base.absoluteString }
        if let key { environment["GEMINI_API_KEY"] = key }
        environment["NO_COLOR"] = "1"
        process.environment = environment
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    @discardableResult
    static func shell(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: arguments[0], code: Int(process.terminationStatus))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A small deterministic generator, so a run can be repeated with --seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
