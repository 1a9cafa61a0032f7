import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// A clock a test moves by hand.
final class MovableClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Uploads shared by calls that start together, kept alive long enough for a batch, and batch submits whose
/// answer is lost.
@Suite struct UploadSharingTests {
    static func bigReference(seed: UInt8) -> ReferenceImage {
        ReferenceImage(name: "big.png", data: TestImages.png(seed: seed) + Data(count: 70_000), format: .png)
    }

    @Test func twoCallsStartingTogetherWithTheSameReferenceUploadItOnce() async throws {
        // Each answer waits a little, so both calls are surely asking for the upload while it is under way.
        let harness = try StubHarness(latency: 0.2) { $0.inlineLimitBytes = 65_536 }
        defer { harness.stub.stop() }
        let reference = Self.bigReference(seed: 3)
        async let first = harness.provider.generate(StubHarness.request(prompt: "one", references: [reference]))
        async let second = harness.provider.generate(StubHarness.request(prompt: "two", references: [reference]))
        let (one, two) = try await (first, second)
        #expect(harness.stub.uploads.count == 1, "one upload for one content")
        #expect(one.filesUploaded + two.filesUploaded == 1)
        #expect(harness.stub.generateRequests.filter { $0.status == 200 }.count == 2)
    }

    @Test func aBatchLineUploadsAgainWhenTheFileHasAnHourLeft() async throws {
        let harness = try StubHarness { $0.inlineLimitBytes = 65_536 }
        defer { harness.stub.stop() }
        let clock = MovableClock()
        let provider = GeminiProvider(settings: harness.provider.settings, clock: clock)
        let request = StubHarness.request(references: [Self.bigReference(seed: 4)])
        var uploaded: [Int: UploadedFile] = [:]
        var count = 0
        _ = try await provider.body(for: request, uploaded: &uploaded, filesUploaded: &count)
        #expect(harness.stub.uploads.count == 1)
        clock.advance(47 * 3600)  // the file, made for 48 hours, has one left
        uploaded = [:]
        _ = try await provider.body(for: request, uploaded: &uploaded, filesUploaded: &count)
        #expect(harness.stub.uploads.count == 1, "a call now may use a file with an hour left")
        uploaded = [:]
        _ = try await provider.body(
            for: request, uploaded: &uploaded, filesUploaded: &count, lifetime: GeminiProvider.batchUploadLifetime)
        #expect(harness.stub.uploads.count == 2, "a batch job may wait past the hour: uploaded again")
    }

    @Test func aSubmitWhoseAnswerIsLostMakesOneJob() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.loseAnswers(toPathEnding: ":batchGenerateContent")
        var uploaded: [Int: UploadedFile] = [:]
        var count = 0
        let body = try await harness.provider.body(
            for: StubHarness.request(), uploaded: &uploaded, filesUploaded: &count)
        let (status, _) = try await harness.provider.submitBatch(
            model: "gemini-3.1-flash-image", displayName: "generate-assets lost-answer-1",
            requests: [(key: "fox", body: body)])
        #expect(harness.stub.batchRequests.count == 1, "the submit was not sent again")
        #expect(harness.stub.batches.count == 1, "exactly one job at the stub")
        #expect(status.name == harness.stub.batches.first?.name)
        #expect(status.displayName == "generate-assets lost-answer-1")
    }
}
