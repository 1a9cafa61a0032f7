import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Every fault the stub can script ends in a retry that succeeds or a clear error.
@Suite struct GeminiFaultTests {
    @Test(arguments: [
        StubFault.rateLimited(retryDelay: "0.3s"), .retryAfter(status: 503, seconds: 1), .status(500), .status(503),
        .status(504),
        .dropConnection, .truncatedBody, .htmlBody(502),
    ])
    func transientFaultsAreRetriedToSuccess(fault: StubFault) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(fault)
        let start = Date()
        let result = try await harness.provider.generate(StubHarness.request())
        #expect(result.attempts == 2)
        #expect(PixelSize.of(result.image) == PixelSize(width: 512, height: 512))
        #expect(harness.stub.generateRequests.count == 2)
        switch fault {
        case .rateLimited: #expect(Date().timeIntervalSince(start) >= 0.3, "RetryInfo.retryDelay is honoured")
        case .retryAfter: #expect(Date().timeIntervalSince(start) >= 1, "Retry-After is honoured")
        default: break
        }
    }

    /// The first call is held at the stub, unanswered, until the stub stops: only the client's timeout ends it,
    /// however loaded the machine (the timeout is long enough that a loaded machine answers the retry in time).
    @Test func callsPastTheTimeoutAreRetried() async throws {
        let first = LockedValue(true)
        let gate = StubGate(holding: { request in
            request.path.hasSuffix(":generateContent")
                && first.withValue { taking in
                    defer { taking = false }
                    return taking
                }
        })
        let harness = try StubHarness(requestTimeout: 5) { $0.gate = gate }
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(StubHarness.request())
        #expect(result.attempts == 2)
        #expect(gate.held.total == 1 && gate.held.now == 1, "the first call is still held: \(gate.held)")
        #expect(harness.stub.generateRequests.count == 2)
    }

    @Test func persistentFailuresStopAtTheAttemptLimitWithAnExcerpt() async throws {
        let harness = try StubHarness(maxAttempts: 3)
        defer { harness.stub.stop() }
        harness.stub.script(.htmlBody(502), times: 5)
        let error = await harness.failure(StubHarness.request())
        #expect(error?.attempts == 3)
        #expect(error?.message.contains("502 Bad Gateway") == true, "a short excerpt of the proxy's HTML, tags removed")
        #expect(error?.message.contains("<h1>") == false)
        #expect(error?.message.contains("gave up after 3 attempts") == true)
        #expect(harness.stub.generateRequests.count == 3)
    }

    @Test(arguments: [
        (StubFault.blockPrompt("SAFETY"), ProviderError.Kind.blocked, "blocked (SAFETY)"),
        (.finishReason("IMAGE_SAFETY"), .blocked, "I can't make that image."),
        (.finishReason("NO_IMAGE"), .blocked, "NO_IMAGE"),
        (.noImage, .blocked, "has no image"),
        (.badBase64, .malformed, "not valid base64"),
        (.nonImageBytes, .malformed, "not an image"),
    ])
    func badAnswersFailClearlyWithoutRetry(fault: StubFault, kind: ProviderError.Kind, text: String) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(fault)
        let error = await harness.failure(StubHarness.request())
        #expect(error?.kind == kind)
        #expect(error?.message.contains(text) == true, "\(String(describing: error))")
        #expect(harness.stub.generateRequests.count == 1)
    }

    @Test func jpegAnswersAreReportedAsJPEG() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.jpeg)
        let result = try await harness.provider.generate(StubHarness.request())
        #expect(result.format == .jpeg, "the engine then refuses to write it under .png")
    }

    @Test func faultsCanTargetOnePrompt() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.blockPrompt("OTHER"), times: 10, matching: "forbidden")
        #expect(await harness.failure(StubHarness.request(prompt: "a forbidden thing"))?.kind == .blocked)
        _ = try await harness.provider.generate(StubHarness.request(prompt: "a fine thing"))
    }

    @Test func retryPolicyBackoffAndHeaders() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 60)
        #expect(policy.delay(after: 1, hint: nil, random: 1) == 1)
        #expect(policy.delay(after: 3, hint: nil, random: 1) == 4)
        #expect(policy.delay(after: 10, hint: nil, random: 1) == 60)
        #expect(policy.delay(after: 3, hint: nil, random: 0.5) == 2)
        #expect(policy.delay(after: 1, hint: 47, random: 1) == 47)
        #expect(RetryPolicy.duration("47s") == 47)
        #expect(RetryPolicy.duration("1.5s") == 1.5)
        #expect(RetryPolicy.retryAfter("12") == 12)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.retryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
    }
}
