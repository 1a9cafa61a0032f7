import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Concurrency, server faults through the whole tool, the key canary, and damaged state.
@Suite struct ReliabilityTests {
    let tool = ToolRunner()

    /// Twenty assets whose prompts name them, so faults can be aimed at one.
    static func twentyAssets() -> TemporaryDirectory {
        let folder = TemporaryDirectory("twenty")
        var yaml = "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n"
        for index in 0..<20 {
            yaml += "  - {id: a\(index), output: Images/a\(index).png, prompt: \"picture number \(index) end\"}\n"
        }
        folder.write("assets.yml", yaml)
        return folder
    }

    func environment(_ url: URL, key: String) -> [String: String] {
        ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01"]
    }

    @Test func everyServerFaultEndsInASuccessfulRetryOrAClearPerAssetError() throws {
        let key = "AIzaCANARY-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let retried: [StubFault] = [
            .rateLimited(retryDelay: "0.2s"), .retryAfter(status: 503, seconds: 1), .status(500), .status(503),
            .delay(3), .dropConnection, .truncatedBody, .htmlBody(502),
        ]
        let failing: [StubFault] = [
            .badBase64, .nonImageBytes, .blockPrompt("SAFETY"), .finishReason("IMAGE_SAFETY"), .noImage, .jpeg,
            .echoKey,
        ]
        for (index, fault) in (retried + failing).enumerated() { stub.script(fault, matching: "number \(index) end") }
        let project = Self.twentyAssets()
        let run = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--jobs", "4", "--request-timeout", "2", "--json"],
            in: project.path,
            environment: environment(url, key: key))
        #expect(run.status == 1, "some assets fail")
        for index in 0..<20 {
            let state = run.states["a\(index)"]
            let expectFailure = index >= retried.count && index < retried.count + failing.count
            #expect(state == (expectFailure ? "failed" : "generated"), "a\(index): \(state ?? "none")")
            let file = project.read("Images/a\(index).png")
            if expectFailure {
                #expect(file == nil, "nothing written for a failed asset")
            } else {
                #expect(
                    file.flatMap { TestImages.decodedScanlineBytes($0) } == 512 * (1 + 512 * 3), "a whole, valid PNG")
            }
        }
        #expect(!run.stdout.contains(key) && !run.stderr.contains(key), "the echoed key is redacted")
        #expect(run.stdout.contains("[redacted]"))
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: project.url("Images"))).contains {
                $0.contains(".tmp-")
            })
        let verify = try tool.run(["cache", "verify"], in: project.path)
        #expect(verify.status == 0)
    }

    @Test func concurrentRunsQueueAndStatusRunsAlongside() throws {
        let key = "k-\(UUID().uuidString)"
        // The stub holds every answer until the other runs have had their say: no latency to outlast.
        let gate = StubGate()
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let project = Self.twentyAssets()
        let env = environment(url, key: key)
        let path = project.path
        let arguments = ["generate", "--provider", "gemini", "--yes", "--jobs", "2"]
        let first = try LiveRun(tool, arguments, in: path, environment: env)
        // Two calls held at the stub: the first run holds the project lock.
        try #require(gate.waitUntilHeld(2), "the first run got going")
        let second = try LiveRun(tool, arguments, in: path, environment: env)
        let waits = second.waitFor("waiting for another generate-assets run (PID")
        let noWait = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--no-wait"], in: path, environment: env)
        let statuses = try [
            tool.run(["status", "--provider", "gemini"], in: path),
            tool.run(["status", "--provider", "gemini", "--json"], in: path),
        ]
        gate.open()
        let (a, b) = (first.wait(), second.wait())
        #expect(waits, "the second run says it waits: \(b.stderr)")
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\n\(b.stderr)")
        #expect(noWait.status == 1 && noWait.stderr.contains("another generate-assets run"))
        #expect(statuses.allSatisfy { $0.status == 0 }, "status works alongside")
        #expect(stub.generateRequests.count == 20, "the second run found everything done: no duplicate call")
        #expect(try tool.run(["cache", "verify"], in: path).status == 0)
    }

    @Test func damagedCacheAndLockGiveAWayOut() throws {
        let project = TenAssetProject.make()
        #expect(try tool.run(["generate"], in: project.path).status == 0)
        let outputs = project.listing().filter { $0.hasSuffix(".png") && $0.hasPrefix("Images") }

        // A blob deleted behind the tool's back: verify says so, repair drops the result, generate rebuilds it.
        try tool.run(["cache", "stats"], in: project.path)
        let sqlite = try SQLiteShell(path: project.url(".generate-assets/cache.sqlite"))
        try sqlite.run(
            "PRAGMA foreign_keys=OFF; DELETE FROM blobs WHERE sha256 IN (SELECT blob_sha256 FROM results LIMIT 1);")
        let verify = try tool.run(["cache", "verify"], in: project.path)
        #expect(verify.status == 1 && verify.stderr.contains("cache verify --repair"))
        #expect(try tool.run(["cache", "verify", "--repair"], in: project.path).status == 0)
        #expect(try tool.run(["cache", "verify"], in: project.path).status == 0)

        // A truncated database: a clear message naming 'cache reset'; reset sets it aside; outputs untouched.
        let path = project.url(".generate-assets/cache.sqlite")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size / 3))
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        let damaged = try tool.run(["generate"], in: project.path)
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains("generate-assets cache reset"), "\(damaged.stderr)")
        for command in [["cache", "stats"], ["cache", "verify"]] {
            let inspected = try tool.run(command, in: project.path)
            #expect(
                inspected.status == 1 && inspected.stderr.contains("generate-assets cache reset"), "\(inspected.stderr)"
            )
        }
        #expect(try tool.run(["cache", "reset"], in: project.path).status == 0)
        #expect(
            project.listing().contains { $0.hasPrefix(".generate-assets/cache-") && $0.hasSuffix(".sqlite.old") },
            "set aside, not deleted")
        let after = try tool.run(["generate", "--json"], in: project.path)
        #expect(after.status == 0)
        #expect(after.ids(in: "fresh").count == 10, "the lock keeps every output fresh without the cache")
        #expect(project.listing().filter { $0.hasSuffix(".png") && $0.hasPrefix("Images") } == outputs)

        // A lock file edited into invalid JSON: the fix says how to restore it.
        project.write("assets.lock", "{ \"version\": 1, \"assets\": { oops")
        let lock = try tool.run(["status"], in: project.path)
        #expect(lock.status == 1 && lock.stderr.contains("git checkout -- assets.lock"))
    }

    /// Mounts a small tmpfs at `path`; false where that is not allowed (not root, or a sandbox without mounts).
    static func mountTmpfs(_ path: String, size: String) -> Bool {
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        mounted.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]
        mounted.standardError = FileHandle.nullDevice
        guard getuid() == 0, (try? mounted.run()) != nil else { return false }
        mounted.waitUntilExit()
        return mounted.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let unmount = Process()
        unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
        unmount.arguments = [path]
        try? unmount.run()
        unmount.waitUntilExit()
    }

    static let canMountTmpfs: Bool = {
        let probe = TemporaryDirectory("tmpfs-probe")
        defer { unmount(probe.path) }
        return mountTmpfs(probe.path, size: "64k")
    }()

    static let tmpfsReason = "needs root and permission to mount a tmpfs (CI runs as root)"

    @Test(
        .enabled(
            if: TestPlatform.isLinux && Requirement.runs(canMountTmpfs, "aFullDiskLeavesNoTornFile", tmpfsReason),
            "\(tmpfsReason)"))
    func aFullDiskLeavesNoTornFile() throws {
        try #require(Self.canMountTmpfs, "CI=true: \(Self.tmpfsReason), so this test may not skip")
        let mount = TemporaryDirectory("tmpfs")
        try #require(Self.mountTmpfs(mount.path, size: "1200k"), "could not mount a tmpfs")
        defer { Self.unmount(mount.path) }
        mount.write(
            "assets.yml",
            "version: 1\nprovider: placeholder\nassets:\n  - {id: small, output: Images/small.png, prompt: x, config: {image_size: \"512\"}}\n  - {id: big, output: Images/big.png, prompt: y, config: {image_size: 4K, aspect_ratio: \"8:1\"}}\n"
        )
        #expect(try tool.run(["generate", "--no-commit", "--only", "small"], in: mount.path).status == 0)
        let small = mount.read("Images/small.png")
        // Leave almost no room: the big image fits neither in the cache nor beside its output.
        var stats = statvfs()
        statvfs(mount.path, &stats)
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        mount.write("filler.bin", Data(count: max(0, free - 16 * 1024)))
        let result = try tool.run(["generate", "--no-commit", "--json"], in: mount.path)
        #expect(result.status == 1)
        // Either that asset fails alone, or (when even the cache cannot grow) the run stops before writing,
        // which --json prints as one failure object.
        if let failure = result.commandFailure {
            #expect(failure.kind == "project" && failure.exitCode == 1, "\(result.stdout)")
        } else {
            #expect(result.states["big"] == "failed" && result.states["small"] == "fresh", "\(result.stdout)")
        }
        let error = result.failure("big")?.message ?? result.stderr
        #expect(
            error.contains("No space left on device") || error.contains("disk may be full")
                || error.contains("may be full"), "\(error)")
        #expect(mount.read("Images/small.png") == small, "the existing output is untouched")
        #expect(!mount.exists("Images/big.png"), "no torn file")
        #expect(!mount.listing().contains { $0.contains(".tmp-") }, "no temp file left behind")
    }
}

/// The sqlite3 command line is not installed everywhere; this uses the library through Python's module.
struct SQLiteShell {
    let path: String

    init(path: String) throws { self.path = path }

    func run(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql,
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "sqlite", code: Int(process.terminationStatus))
        }
    }
}
