import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Pre-release rebuilds through the Batch API, with the built executable against the loopback stub.
@Suite struct BatchEndToEndTests {
    let tool = ToolRunner()
    let key = "AIzaBATCH-\(UUID().uuidString)"

    func environment(_ url: URL) -> [String: String] {
        [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            "GENERATE_ASSETS_BATCH_POLL": "0.05",
        ]
    }

    /// `count` assets of 3.1 Flash at 512 in a git repository; `big` gives each its own incompressible reference.
    func project(_ count: Int, big: Bool = false) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("batch")
        try GitCLI.makeRepository(folder)
        var manifest =
            "version: 1\nprovider: gemini\ndefaults: {model: gemini-3.1-flash-image, image_size: \"512\"}\nassets:\n"
        for index in 1...count {
            let reference = big ? "Art/r\(index).png" : "Art/shared.png"
            manifest +=
                "  - {id: a\(index), output: Images/a\(index).png, prompt: \"picture \(index)\", references: [\(reference)]}\n"
            if big { folder.write(reference, TestImages.noise(width: 300, height: 300, seed: UInt64(index))) }
        }
        if !big { folder.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 4)) }
        folder.write("assets.yml", manifest)
        try GitCLI.run(["add", "-A"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        return folder
    }

    /// A stub whose batches finish only when the test says so.
    func manualStub() throws -> (GeminiStub, URL) {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        let stub = GeminiStub(options: options)
        return (stub, try stub.start())
    }

    func commits(_ folder: TemporaryDirectory) throws -> Int {
        Int(
            try GitCLI.run(["rev-list", "--count", "HEAD"], in: folder.path).trimmingCharacters(
                in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func fiftyAssetsSubmitOnceWaitWithoutCallsAndLandAtHalfPrice() throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = try project(50)
        let env = environment(url)
        let estimate = try tool.run(["generate", "--dry-run", "--json"], in: folder.path, environment: env)
        let syncEstimate = try #require(estimate.json?["estimated_cost_usd"] as? Double)

        let started = Date()
        let submit = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        let seconds = Date().timeIntervalSince(started)
        #expect(submit.status == 0, "\(submit.stderr)")
        print("generate --batch submitted 50 assets in \(String(format: "%.2f", seconds)) s")
        let batches = (submit.json?["batches"] as? [[String: Any]]) ?? []
        #expect(batches.count == 1)
        #expect((batches.first?["assets"] as? [String])?.count == 50)
        #expect((batches.first?["name"] as? String)?.hasPrefix("batches/") == true)
        #expect(stub.batchRequests.count == 1 && stub.generateRequests.isEmpty)
        #expect(
            abs((submit.json?["estimated_cost_usd"] as? Double ?? 0) - syncEstimate / 2) < 0.001,
            "the estimate is the Batch price")

        let status = try tool.run(["status", "--json"], in: folder.path)
        let first = (status.json?["assets"] as? [[String: Any]])?.first
        #expect(first?["state"] as? String == "stale")
        #expect((first?["batch"] as? [String: Any])?["name"] as? String == batches.first?["name"] as? String)

        let again = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect((again.json?["batches"] as? [[String: Any]])?.isEmpty == true, "nothing new is submitted")
        #expect(stub.batchRequests.count == 1 && stub.generateRequests.isEmpty, "and no synchronous call is made")
        let plain = try tool.run(["generate", "--yes", "--json"], in: folder.path, environment: env)
        #expect(
            plain.ids(in: "stale").count == 50 && stub.generateRequests.isEmpty,
            "a plain run leaves assets in a pending job alone")

        stub.completeAllBatches()
        let commitsBefore = try commits(folder)
        let landed = try tool.run(["generate", "--yes", "--json"], in: folder.path, environment: env)
        #expect(landed.status == 0, "\(landed.stderr)")
        #expect(landed.ids(in: "restored").count == 50)
        #expect(stub.generateRequests.isEmpty)
        #expect(try commits(folder) == commitsBefore + 1, "one commit for all 50")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path)
        #expect(note.contains(batches.first?["name"] as? String ?? "?"), "the note names the batch job")
        let shown = try tool.run(["show", "a1"], in: folder.path)
        #expect(shown.stdout.contains("(Batch API job \(batches.first?["name"] as? String ?? "?")"), "\(shown.stdout)")
        let usage = try tool.run(["usage", "--by", "model", "--json"], in: folder.path)
        let row = (usage.json?["rows"] as? [[String: Any]])?.first
        let spent = row?["batch_usd"] as? Double ?? 0
        #expect(
            spent > 0 && abs(spent - syncEstimate / 2) / (syncEstimate / 2) < 0.1,
            "half the synchronous price: \(spent) against \(syncEstimate)")
        let list = try tool.run(["batch", "list", "--json"], in: folder.path, environment: env)
        #expect(((list.json?["batches"] as? [[String: Any]])?.first?["state"] as? String) == "BATCH_STATE_SUCCEEDED")
    }

    @Test func threeFailedRequestsLeaveExactlyThoseStaleWithTheError() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        stub.scriptBatch(succeedAfterPolls: 1, failKeys: ["a3", "a7", "a9"])
        let folder = try project(10)
        let env = environment(url)
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        let waited = try tool.run(["batch", "wait", "--json"], in: folder.path, environment: env)
        #expect(waited.ids(in: "restored").count == 7, "\(waited.stderr)")
        #expect(waited.ids(in: "stale") == ["a3", "a7", "a9"])
        #expect(waited.reasons("a7").contains { $0.contains("batch request failed") })
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(status.ids(in: "stale") == ["a3", "a7", "a9"])
        #expect(stub.generateRequests.isEmpty)
    }

    @Test func anExpiredJobLeavesItsAssetsStaleAndCancelStopsOne() throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = try project(3)
        let env = environment(url)
        #expect(try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env).status == 0)
        stub.finishAllBatches(as: .expired)
        let after = try tool.run(["status", "--json"], in: folder.path)
        #expect(after.ids(in: "stale").count == 3)
        let run = try tool.run(["generate", "--batch", "--yes", "--json"], in: folder.path, environment: env)
        #expect(run.reasons("a1").contains { $0.contains("expired") }, "\(run.stdout)")
        #expect(stub.batchRequests.count == 2, "expired assets are submitted again")
        let cancel = try tool.run(["batch", "cancel", "--json"], in: folder.path, environment: env)
        #expect(
            ((cancel.json?["batches"] as? [[String: Any]])?.first?["state"] as? String) == "BATCH_STATE_CANCELLED",
            "\(cancel.stderr)")
        let sync = try tool.run(["generate", "--yes", "--json"], in: folder.path, environment: env)
        #expect(sync.ids(in: "generated").count == 3, "cancelled: a synchronous run may make them")
    }

    @Test func killedDuringSubmitTheNextRunFindsTheJobInsteadOfPayingTwice() throws {
        // The stub creates the job, then holds its answer until the process is killed.
        let gate = StubGate { $0.path.hasSuffix(":batchGenerateContent") }
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = try project(4)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.executable)
        process.arguments = ["generate", "--batch", "--yes"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment(url)) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let held = gate.waitUntilHeld(1)
        kill(process.processIdentifier, SIGKILL)  // the service has the job; its answer never arrives
        process.waitUntilExit()
        gate.open()
        try #require(held, "the submit reached the stub")
        #expect(stub.batches.count == 1)
        let again = try tool.run(
            ["generate", "--batch", "--yes", "--json"], in: folder.path, environment: environment(url))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(stub.batches.count == 1, "no second job")
        #expect(again.stderr.contains("found existing batch job"), "\(again.stderr)")
        #expect(!again.stderr.contains("submitted batch job"), "not the words of a new paid submit")
        let status = try tool.run(["status", "--json"], in: folder.path)
        #expect(
            ((status.json?["assets"] as? [[String: Any]])?.first?["batch"] as? [String: Any])?["name"] as? String
                == stub.batches.first?.name)
    }

    /// The results file's download is sent on to storage on another host (a 307 to a signed URL, as the stub's
    /// "localhost"): followed, without the key, which stays with the configured service.
    @Test func requestsOverTwentyMegabytesGoAsAnUploadedJSONLFile() throws {
        var options = GeminiStub.Options(apiKey: key)
        options.downloadRedirectHost = "localhost"
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        stub.scriptBatch(succeedAfterPolls: 1)
        let folder = try project(80, big: true)
        let env = environment(url)
        let submit = try tool.run(["generate", "--batch", "--yes"], in: folder.path, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(stub.batches.first?.inputFile != nil, "the job's input is a file")
        #expect(stub.uploads.contains { $0.mimeType.contains("jsonl") })
        let waited = try tool.run(["batch", "wait", "--json"], in: folder.path, environment: env)
        #expect(waited.ids(in: "restored").count == 80, "\(waited.stderr)")
        let storage = stub.requests.filter { $0.path.hasPrefix("/storage/") }
        #expect(storage.count == 1 && storage.first?.status == 200, "the redirect was followed once")
        #expect(storage.allSatisfy { $0.headers["x-goog-api-key"] == nil && $0.queryKey == nil }, "no key to storage")
        #expect(stub.requests.contains { $0.path.contains(":download") && $0.status == 307 })
    }
}
