import AssetCache
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Batch jobs that must not lose paid answers or apply them twice.
@Suite struct BatchTeamTests {
    let key = "batch-team-\(UUID().uuidString)"

    func context(_ folder: TemporaryDirectory, _ url: URL) throws -> ProjectContext {
        let settings = try GeminiSettings.resolve(
            api: .init(), baseURLOverride: url.absoluteString, environment: ["GEMINI_API_KEY": key])
        return try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:],
            provider: GeminiProvider(settings: settings))
    }

    func project() -> TemporaryDirectory {
        let folder = TemporaryDirectory("batch-team")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-lite-image}
            assets:
              - {id: a, output: Images/a.png, prompt: "first"}
              - {id: b, output: Images/b.png, prompt: "second"}

            """)
        return folder
    }

    /// A manual stub, and the project's two assets submitted to it as one job.
    func submitted() async throws -> (GeminiStub, URL, TemporaryDirectory) {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        let folder = project()
        var submit = GenerateOptions(commit: false)
        submit.batch = true
        _ = try await GenerateEngine(context: try context(folder, url), options: submit, reporter: SilentReporter())
            .run()
        return (stub, url, folder)
    }

    @Test func cancellingAJobThatAlreadySucceededAppliesItsAnswers() async throws {
        let (stub, url, folder) = try await submitted()
        defer { stub.stop() }
        stub.completeAllBatches()  // it succeeds at the service; the project still records it as running

        let reporter = CollectingReporter()
        let cancelled = try await BatchRunner.cancel(try context(folder, url), name: nil, reporter: reporter)
        #expect(cancelled.first?.state == "BATCH_STATE_SUCCEEDED", "a finished job is not cancelled")
        #expect(
            reporter.events.contains { if case .batchEnded(_, _, 2, 2) = $0 { true } else { false } },
            "its two answers were applied")
        let after = try await GenerateEngine(
            context: try context(folder, url), options: GenerateOptions(commit: false), reporter: SilentReporter()
        ).run()
        #expect(after.assets.map(\.state) == [.restored, .restored], "the paid answers were kept")
        #expect(stub.generateRequests.isEmpty, "nothing paid twice")
    }

    @Test func batchListBesideARunningGenerateAppliesAFinishedJobOnce() async throws {
        let (stub, url, folder) = try await submitted()
        defer { stub.stop() }
        stub.completeAllBatches()
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let projectOptions = ProjectOptions(directory: folder.path, provider: "gemini")
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        func batchRows() throws -> Int { try cache.usage(by: .asset, since: nil).map(\.calls).reduce(0, +) }
        let before = try batchRows()

        // A generate holds the project (the lock is what a running generate holds for its whole run).
        var running: ProjectLock? = try ProjectLock(projectRoot: folder.path, wait: false) { _ in }
        let beside = try await BatchRunner.listUnderLock(
            options: projectOptions, reporter: SilentReporter(), environment: environment)
        #expect(beside.heldBy != nil)
        #expect(try batchRows() == before, "nothing applied outside the lock")
        #expect(try cache.batchJobs(pendingOnly: true).count == 1, "the job is left for the run holding the project")
        withExtendedLifetime(running) {}
        running = nil

        // That run applies it; a list afterwards finds nothing more to apply.
        var restore = GenerateOptions(commit: false)
        restore.restoreOnly = true
        let applied = try await GenerateEngine(
            context: try context(folder, url), options: restore, reporter: SilentReporter()
        ).run()
        #expect(applied.assets.map(\.state) == [.restored, .restored])
        let after = try await BatchRunner.listUnderLock(
            options: projectOptions, reporter: SilentReporter(), environment: environment)
        #expect(after.heldBy == nil)
        #expect(try batchRows() == before + 2, "two answers, each applied exactly once")
        #expect(
            try cache.variants(of: try #require(applied.assets.first?.fingerprint.flatMap(ContentHash.init(hex:))))
                .count == 1)
    }

    @Test func aBatchSubmittedWhenItsUploadHasAnHourLeftUploadsAgain() async throws {
        var options = GeminiStub.Options(apiKey: key)
        options.batchSchedule = .manual
        options.inlineLimitBytes = 65_536
        let stub = GeminiStub(options: options)
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("batch-upload")
        folder.write("Art/big.png", TestImages.noise(width: 300, height: 300, seed: 7))
        let manifest = """
            version: 1
            defaults: {model: gemini-3.1-flash-lite-image}
            assets:
              - {id: a, output: Images/a.png, prompt: "first", references: [Art/big.png]}

            """
        folder.write("assets.yml", manifest)
        var settings = try GeminiSettings.resolve(
            api: .init(), baseURLOverride: url.absoluteString, environment: ["GEMINI_API_KEY": key])
        settings.inlineLimitBytes = 65_536
        let clock = HandClock()
        let provider = GeminiProvider(settings: settings, uploads: MemoryUploadStore(), clock: clock)
        func submit() async throws {
            let context = try ProjectContext(
                options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:], provider: provider)
            var batch = GenerateOptions(commit: false)
            batch.batch = true
            _ = try await GenerateEngine(context: context, options: batch, reporter: SilentReporter()).run()
        }
        try await submit()
        #expect(stub.uploads.count == 1 && stub.batchRequests.count == 1)
        stub.completeAllBatches()
        folder.write("assets.yml", manifest.replacingOccurrences(of: "first", with: "first, again"))
        clock.advance(47 * 3600)  // the upload, made for 48 hours, has one left; the job may wait 48
        try await submit()
        #expect(stub.batchRequests.count == 2)
        #expect(stub.uploads.count == 2, "uploaded again for the new job")
    }
}

/// A clock the test moves by hand.
final class HandClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
