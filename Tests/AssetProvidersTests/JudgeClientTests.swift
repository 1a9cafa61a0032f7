import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import Testing

/// The judge side of the Gemini client against the stub's judge model, over real HTTP.
@Suite struct JudgeClientTests {
    let judge = JudgeModels.named("gemini-2.5-flash")!

    /// An image the stub drew for a prompt with quoted words.
    func drawn(_ harness: StubHarness) async throws -> Data {
        try await harness.provider.generate(
            StubHarness.request(prompt: "A banner with the title 'Fen's Winter', a fox in the snow")
        ).image
    }

    func request(_ image: Data, questions: [String] = [], alt: Int? = nil) -> JudgeRequest {
        JudgeRequest(
            assetID: "banner", image: image, format: .png,
            checks: ImageChecks(text: "Fen's Winter", expect: questions), altMaxCharacters: alt, model: judge)
    }

    @Test func readsTheDrawnTextAnswersScriptedQuestionsAndPricesFromUsage() async throws {
        let harness = try StubHarness {
            $0.judgeScripts = [JudgeScript(question: "Is there exactly one fox?", answer: false, times: 1)]
        }
        defer { harness.stub.stop() }
        let image = try await drawn(harness)
        let first = try await harness.provider.judge(
            request(image, questions: ["Is there exactly one fox?", "Is it snowing?"], alt: 40))
        #expect(first.textFound == "Fen's Winter")
        #expect(first.answers.map(\.yes) == [false, true])
        #expect(first.answers.first?.reason.isEmpty == false)
        #expect((first.altText?.count ?? 0) > 0 && (first.altText?.count ?? 99) <= 40)
        let usage = try #require(first.usage)
        #expect(usage.promptTokens > 258)
        #expect(
            first.costUSD
                == judge.cost(promptTokens: usage.promptTokens, outputTokens: usage.outputTokens + usage.thoughtsTokens)
        )
        let second = try await harness.provider.judge(request(image, questions: ["Is there exactly one fox?"]))
        #expect(second.answers.map(\.yes) == [true], "no the first time, yes after")
        let body = try #require(harness.stub.requests.last?.json)
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect(config["responseMimeType"] as? String == "application/json" && config["responseSchema"] != nil)
    }

    @Test func aFailingJudgeIsRetriedLikeAnyCall() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let image = try await drawn(harness)
        harness.stub.script(.status(503), times: 2, matching: "You check a generated image")
        let answer = try await harness.provider.judge(request(image))
        #expect(answer.attempts == 3)
        harness.stub.script(.status(503), times: 10, matching: "You check a generated image")
        await #expect(throws: ProviderError.self) { try await harness.provider.judge(request(image)) }
    }

    @Test func aMalformedAnswerIsRetriedAndNeverPasses() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let image = try await drawn(harness)
        // A proxy's HTML page with status 200: not the JSON asked for.
        harness.stub.script(.htmlBody(200), times: 2, matching: "You check a generated image")
        let answer = try await harness.provider.judge(request(image))
        #expect(answer.attempts == 3 && answer.textFound == "Fen's Winter")
        harness.stub.script(.htmlBody(200), times: 20, matching: "You check a generated image")
        do {
            _ = try await harness.provider.judge(request(image))
            Issue.record("a malformed answer passed")
        } catch let error as ProviderError {
            #expect(error.kind == .malformed && error.message.contains("not the JSON asked for"))
        }
    }

    @Test func theSchemaIsCheckedAsTheServiceChecksIt() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let image = try await drawn(harness)
        let calls = StubCalls(harness.stub)
        func body(_ config: [String: Any]) -> [String: Any] {
            [
                "contents": [
                    [
                        "parts": [
                            ["inlineData": ["mimeType": "image/png", "data": image.base64EncodedString()]],
                            ["text": "Caption this image."],
                        ]
                    ]
                ],
                "generationConfig": config,
            ]
        }
        let unknown = try await calls.generate(
            body([
                "responseMimeType": "application/json",
                "responseSchema": ["type": "OBJECT", "properties": ["a": ["type": "STRING", "colour": "red"]]],
            ]), model: "gemini-2.5-flash")
        #expect(unknown.status == 400)
        #expect(unknown.errorMessage?.contains("Unknown name \"colour\"") == true, "\(unknown.errorMessage ?? "")")
        let noMime = try await calls.generate(
            body(["responseSchema": ["type": "OBJECT"]]), model: "gemini-2.5-flash")
        #expect(noMime.status == 400)
        let json = try await calls.generate(
            body([
                "responseMimeType": "application/json",
                "responseJsonSchema": ["type": "object", "properties": ["text_found": ["type": "string"]]],
            ]), model: "gemini-2.5-flash")
        #expect(json.status == 200)
        let parts = ((json.json?["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"]
        let text = try #require((parts as? [[String: Any]])?.first?["text"] as? String)
        #expect(
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["text_found"] as? String
                == "Fen's Winter")
    }
}
