import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Model churn through the real client against the stub: Nano Banana 2.1, a deprecated model's 404, answers
/// served by another model, finish reasons this release does not know, and the models list.
@Suite struct ModelChurnClientTests {
    @Test func nanoBanana21AnswersAt2KAndCostsItsTokenPrice() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(
            StubHarness.request(model: "gemini-nano-banana-2.1", ratio: "1:8", size: "2K"))
        #expect(PixelSize.of(result.image) == PixelSize(width: 768, height: 6144))
        let usage = try #require(result.usage)
        let expected = (Double(usage.imageTokens) * 30 + 10 * 3 + Double(usage.promptTokens) * 0.5) / 1_000_000
        #expect(abs((result.costUSD ?? 0) - expected) < 1e-12, "\(result.costUSD ?? -1) vs \(expected)")
    }

    @Test func a404ForFlash31SaysItMayBeShutDownAndNamesTheReplacement() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.status(404))
        let error = try #require(
            await harness.failure(StubHarness.request(model: "gemini-3.1-flash-image", size: "1K")))
        #expect(error.httpStatus == 404 && error.kind == .rejected)
        #expect(error.message.contains("gemini-3.1-flash-image was deprecated on 2026-10-06"), "\(error.message)")
        #expect(error.message.contains("may have been shut down"))
        #expect(error.fix == "use gemini-nano-banana-2.1")
    }

    @Test func anAnswerFromAnotherModelIsPricedAtTheServingModel() async throws {
        let harness = try StubHarness { $0.serveAs = ["gemini-3.1-flash-image": "gemini-nano-banana-2.1"] }
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(
            StubHarness.request(model: "gemini-3.1-flash-image", size: "1K"))
        #expect(result.modelVersion == "gemini-nano-banana-2.1")
        #expect(result.servedModel(insteadOf: "gemini-3.1-flash-image") == "gemini-nano-banana-2.1")
        let usage = try #require(result.usage)
        let served = (Double(usage.imageTokens) * 30 + 10 * 3 + Double(usage.promptTokens) * 0.5) / 1_000_000
        #expect(abs((result.costUSD ?? 0) - served) < 1e-12, "billed at $30/M, not 3.1 Flash's $60/M")
        let direct = try await harness.provider.generate(
            StubHarness.request(model: "gemini-nano-banana-2.1", size: "1K"))
        #expect(direct.servedModel(insteadOf: "gemini-nano-banana-2.1") == nil)
    }

    @Test(arguments: ["SOMETHING_NEW", "ESCALATION"])
    func aFinishReasonOfNoKnownKindFailsWithTheValueAndItsMessage(reason: String) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.finishReason(reason))
        let error = try #require(await harness.failure(StubHarness.request()))
        #expect(error.kind == .rejected, "not a block and not a decoding error")
        #expect(
            error.message.contains(reason) && error.message.contains("Finished with \(reason)."), "\(error.message)")
        #expect(harness.stub.generateRequests.count == 1, "not retried")
    }

    @Test func missingThoughtSignatureSaysTheHistoryWasDamaged() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.finishReason("MISSING_THOUGHT_SIGNATURE"))
        let error = try #require(await harness.failure(StubHarness.request()))
        #expect(error.message.contains("conversation history sent was damaged"), "\(error.message)")
        #expect(error.message.contains("Request has at least one thought signature missing"))
        #expect(error.fix?.contains("thought signatures included") == true)
    }

    @Test func theModelsListIsReadToItsLastPage() async throws {
        let harness = try StubHarness { $0.modelsPageLimit = 2 }
        defer { harness.stub.stop() }
        let models = try await harness.provider.listModels()
        let ids = models.map(\.id)
        #expect(ids.contains("gemini-nano-banana-2.1") && ids.contains("gemini-2.5-flash"), "\(ids)")
        #expect(!ids.contains("gemini-2.5-flash-image"), "past its shutdown date: Google does not list it")
        #expect(Set(ids).count == ids.count && ids.count == StubModels.listed(servesRetired: false).count)
        let pages = harness.stub.requests.filter { $0.path.hasSuffix("/models") }
        #expect(pages.count == (ids.count + 1) / 2, "every page, two to a page")
        #expect(models.first { $0.id == "gemini-nano-banana-2.1" }?.displayName == "Nano Banana 2.1")
    }

    @Test func answerTimeoutsAreAColumnOfTheModelTable() {
        #expect(GenerationTimeouts.answer(model: "gemini-3-pro-image", imageSize: "4K") == 600)
        #expect(GenerationTimeouts.answer(model: "gemini-nano-banana-2.1", imageSize: "2K") == 240)
        #expect(GenerationTimeouts.answer(model: "gemini-2.5-flash-image", imageSize: nil) == 180)
        #expect(GenerationTimeouts.answer(model: "gemini-9-image", imageSize: "1K") == GenerationTimeouts.fallback)
    }

    @Test func aWrongKeyFailsTheModelsListAsAuth() async throws {
        let harness = try StubHarness(key: "not-the-key-at-all")
        defer { harness.stub.stop() }
        do {
            _ = try await harness.provider.listModels()
            Issue.record("a wrong key listed models")
        } catch let error as ProviderError {
            #expect(error.kind == .auth && error.message.contains("not valid"), "\(error)")
        }
    }
}
