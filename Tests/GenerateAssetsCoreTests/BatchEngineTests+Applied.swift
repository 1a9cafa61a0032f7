import AssetCache
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

@testable import GenerateAssetsCore

extension BatchEngineTests {
    /// Killed by a finished job never marked applied (or applied whenever it is seen): a finished job is
    /// refreshed by every later run, and its answers must be stored and billed once.
    @Test func aFinishedJobIsAppliedOnceHoweverOftenItIsRefreshed() async throws {
        let (stub, url) = try manualStub()
        defer { stub.stop() }
        let folder = flashLiteProject(
            "batch-applied-once",
            """
              - {id: a, output: Images/a.png, prompt: "first"}
              - {id: b, output: Images/b.png, prompt: "second"}
            """)
        _ = try await run(folder, url, batch: true)
        stub.completeAllBatches()
        _ = try await run(folder, url, restoreOnly: true)
        let resultReads = { stub.requests.filter { $0.method == "GET" && $0.path.contains("batches/") }.count }
        let readsAfterApply = resultReads()
        for _ in 0..<2 { _ = try await run(folder, url) }

        let ended = reporter.events.filter { if case .batchEnded = $0 { true } else { false } }
        #expect(ended.count == 1, "the job ended once: \(ended)")
        #expect(resultReads() == readsAfterApply, "an applied job is not asked about again")
        // A new CacheStore, as a new process would open it.
        let cache = try CacheStore(path: folder.url(".generate-assets/cache.sqlite"))
        let job = try #require(try cache.batchJobs().only)
        #expect(job.applied && job.isTerminal)
        #expect(try cache.batchJobs(pendingOnly: true).isEmpty, "nothing left pending")
        let usage = try cache.usage(by: .model, since: nil)
        #expect(usage.first?.calls == 2, "each answer logged once: \(usage)")
        #expect(abs((usage.first?.batchUSD ?? 0) - 2 * 0.0168) < 1e-6, "billed once")
        #expect(try cache.variants(of: try #require(job.requests.first?.fingerprint)).count == 1, "stored once")
        #expect(stub.generateRequests.isEmpty)
    }
}
