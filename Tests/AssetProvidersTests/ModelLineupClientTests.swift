import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Flash-Lite and 2.5 Flash through the real client over HTTP against the stub.
@Suite struct ModelLineupClientTests {
    @Test func flashLiteAnswersAt31Flash1KSizesAndCostsItsListPrice() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let request = StubHarness.request(model: "gemini-3.1-flash-lite-image", ratio: "16:9", size: "1K") {
            $0.thinkingLevel = "high"
        }
        let result = try await harness.provider.generate(request)
        #expect(PixelSize.of(result.image) == PixelSize(width: 1376, height: 768))
        #expect(result.usage != nil, "the stub reports usage")
        #expect(result.costUSD == 0.0336, "only Flash-Lite's per-image price is published, so a call costs that")
        let sent = try #require(harness.stub.generateRequests.first)
        #expect(sent.path.hasSuffix("/models/gemini-3.1-flash-lite-image:generateContent"))
        let body = String(decoding: sent.body, as: UTF8.self)
        #expect(body.contains("\"thinkingLevel\":\"HIGH\"") && body.contains("\"imageSize\":\"1K\""), "\(body)")
    }

    @Test func a404ForFlash25SaysItIsPastItsShutdownDate() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.status(404))
        let error = try #require(await harness.failure(StubHarness.request(model: "gemini-2.5-flash-image", size: nil)))
        #expect(error.httpStatus == 404 && error.kind == .rejected && error.attempts == 1)
        #expect(error.message.contains("model 'gemini-2.5-flash-image' was not found"))
        #expect(
            error.message.contains("gemini-2.5-flash-image is past its shutdown date (2026-10-02)"), "\(error.message)")
        #expect(error.fix == "use gemini-nano-banana-2.1 or gemini-3.1-flash-lite-image")
    }

    @Test func a404ForACurrentModelSuggestsOnlyCurrentModels() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.status(404))
        let error = try #require(
            await harness.failure(StubHarness.request(model: "gemini-nano-banana-2.1", size: "1K")))
        #expect(error.httpStatus == 404 && !error.message.contains("shutdown"))
        #expect(error.fix?.contains("gemini-3.1-flash-lite-image") == true)
        #expect(error.fix?.contains("gemini-2.5-flash-image") == false, "\(error.fix ?? "")")
    }
}
