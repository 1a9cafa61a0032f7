import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The real client over real HTTP against the loopback stub.
@Suite struct GeminiClientTests {
    @Test func generatesAnImageAtTheModelsExactSize() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(StubHarness.request(ratio: "16:9", size: "512"))
        #expect(result.format == .png)
        #expect(PixelSize.of(result.image) == PixelSize(width: 688, height: 384))
        #expect(result.attempts == 1)
        #expect(result.modelVersion == "gemini-3.1-flash-image")
        #expect(result.responseID?.count == 22)
        let again = try await harness.provider.generate(StubHarness.request(ratio: "16:9", size: "512"))
        #expect(again.responseID != result.responseID, "each answer is its own response, as the service says")
        #expect(result.usage?.imageTokens == 747)
        let cost = try #require(result.costUSD)
        #expect(cost > 0.044 && cost < 0.047, "747 image tokens at $60/M plus a little text and input: \(cost)")
        let sent = try #require(harness.stub.generateRequests.first)
        #expect(sent.headers["x-goog-api-key"] == StubHarness.key)
        #expect(sent.queryKey == nil, "the key never goes in the URL")
        #expect(sent.path == "/v1beta/models/gemini-3.1-flash-image:generateContent")
    }

    @Test func thoughtPartsAreNeverTheOutput() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(
            StubHarness.request(model: "gemini-3-pro-image", ratio: "4:3", size: "1K"))
        #expect(
            PixelSize.of(result.image) == PixelSize(width: 1200, height: 896),
            "the final image, not the 64×64 interim thought image")
        #expect(result.text == "Here is your image.", "thought text is left out")
        #expect(result.thoughtSignatures.count == 2)
        #expect((result.usage?.thoughtsTokens ?? 0) > 0)
    }

    @Test func rejectionsAreNotRetriedAndSayWhatToDo() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let unknown = await harness.failure(
            StubHarness.request(model: "gemini-3-pro-image-preview", ratio: "1:1", size: "1K"))
        #expect(unknown?.httpStatus == 404)
        #expect(unknown?.fix?.contains("gemini-nano-banana-2.1") == true)
        let lower = await harness.failure(StubHarness.request(size: "1k"))
        #expect(lower?.httpStatus == 400 && lower?.message.contains("Invalid image_size: 1k") == true)
        let ratio = await harness.failure(StubHarness.request(model: "gemini-3-pro-image", ratio: "1:8", size: "1K"))
        #expect(ratio?.message.contains("Unsupported aspect ratio") == true)
        #expect(harness.stub.generateRequests.count == 3, "one request each: 400 and 404 are not retried")

        let wrongKey = try StubHarness(key: "wrong-key-value")
        defer { wrongKey.stub.stop() }
        let bad = await wrongKey.failure(StubHarness.request())
        #expect(bad?.httpStatus == 400)
        #expect(bad?.message.contains("GEMINI_API_KEY") == true)
        #expect(bad.map { !"\($0)".contains("wrong-key-value") } == true)
    }

    @Test func missingKeyFailsBeforeAnyRequest() async throws {
        let harness = try StubHarness(key: nil)
        defer { harness.stub.stop() }
        let missing = #expect(throws: ProviderError.self) { try harness.provider.preflight() }
        #expect(missing?.kind == .auth)
        #expect(harness.stub.requests.isEmpty)
    }

    @Test func bothKeyCasingsAreAccepted() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        for body in [
            #"{"contents":[{"parts":[{"text":"x"}]}],"generation_config":{"image_config":{"aspect_ratio":"16:9","image_size":"512"}}}"#,
            #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"imageConfig":{"aspectRatio":"16:9","imageSize":"512"}}}"#,
        ] {
            let transport = HTTPTransports.standard(idleTimeout: 10, requestTimeout: 10)
            let response = try await transport.send(
                HTTPRequest(
                    url: harness.baseURL.appendingPathComponent("v1beta/models/gemini-3.1-flash-image:generateContent"),
                    headers: ["x-goog-api-key": StubHarness.key], body: Data(body.utf8)))
            #expect(response.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            let parts =
                (((json["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"]
                    as? [[String: Any]]) ?? []
            let data = (parts.last?["inlineData"] as? [String: Any])?["data"] as? String
            #expect(PixelSize.of(Data(base64Encoded: data ?? "") ?? Data()) == PixelSize(width: 688, height: 384))
        }
        let missing = try await HTTPTransports.standard(idleTimeout: 10, requestTimeout: 10).send(
            HTTPRequest(
                url: harness.baseURL.appendingPathComponent("v1beta/models/gemini-3.1-flash-image:generateContent"),
                body: Data("{}".utf8)))
        #expect(missing.status == 403)
    }

    @Test func referencesGoInlineInOrderWithSniffedTypes() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let png = TestImages.png(seed: 4)
        let jpeg = TestImages.jpegHeader(width: 2, height: 2)
        _ = try? await harness.provider.generate(
            StubHarness.request(references: [
                ReferenceImage(name: "a.png", data: png, format: .png),
                ReferenceImage(name: "b.jpg", data: jpeg, format: .jpeg),
            ]))
        let body = try #require(harness.stub.generateRequests.first?.json)
        let parts = try #require(((body["contents"] as? [[String: Any]])?.first?["parts"]) as? [[String: Any]])
        #expect(parts.count == 3)
        #expect(parts[0]["text"] as? String == "A fox")
        #expect((parts[1]["inlineData"] as? [String: Any])?["mimeType"] as? String == "image/png")
        #expect((parts[1]["inlineData"] as? [String: Any])?["data"] as? String == png.base64EncodedString())
        #expect((parts[2]["inlineData"] as? [String: Any])?["mimeType"] as? String == "image/jpeg")
    }
}
