import AssetImaging
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The stub refuses what the real service refuses, over real HTTP: its own model table, unknown fields, bad
/// values, several candidates, and bodies over the inline limit.
@Suite struct StubStrictnessTests {
    @Test(arguments: [
        ("gemini-3.1-flash-image", "21:9", "512", 792, 168),
        ("gemini-3.1-flash-image", "1:8", "4K", 1536, 12288),
        ("gemini-3.1-flash-lite-image", "21:9", "1K", 1584, 672),
        ("gemini-3.1-flash-lite-image", "8:1", "1K", 3072, 384),
        ("gemini-3-pro-image", "4:5", "2K", 1856, 2304),
    ])
    func sizesFollowTheSeedTable(model: String, ratio: String, size: String, width: Int, height: Int) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let answer = try await StubCalls(harness.stub).generate(StubCalls.body(ratio: ratio, size: size), model: model)
        #expect(answer.status == 200, "\(answer.errorMessage ?? "")")
        #expect(PixelSize.of(answer.finalImage ?? Data()) == PixelSize(width: width, height: height))
        #expect(answer.json?["modelVersion"] as? String == model)
    }

    @Test func flashLiteMakesOnly1KAndThinksWhenAsked() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let lite = "gemini-3.1-flash-lite-image"
        for size in ["512", "2K", "4K"] {
            let answer = try await calls.generate(StubCalls.body(size: size), model: lite)
            #expect(answer.status == 400 && answer.errorMessage == "Invalid image_size: \(size). Supported values: 1K.")
        }
        let unsized = try await calls.generate(StubCalls.body(size: nil), model: lite)
        #expect(PixelSize.of(unsized.finalImage ?? Data()) == PixelSize(width: 1024, height: 1024), "1K is the default")
        let usage = unsized.json?["usageMetadata"] as? [String: Any]
        #expect((usage?["candidatesTokensDetails"] as? [[String: Any]])?.first?["tokenCount"] as? Int == 1120)
        #expect(usage?["thoughtsTokenCount"] as? Int == 0, "minimal thinking by default")
        let high = try await calls.generate(
            StubCalls.body(size: "1K", generation: ["thinkingConfig": ["thinkingLevel": "HIGH"]]), model: lite)
        #expect(((high.json?["usageMetadata"] as? [String: Any])?["thoughtsTokenCount"] as? Int ?? 0) > 0)
        let search = try await calls.generate(
            StubCalls.body(size: "1K").merging(
                ["tools": [["googleSearch": ["searchTypes": ["imageSearch": [String: Any]()]]]]]) { $1 }, model: lite)
        #expect(search.status == 400, "image search is 3.1 Flash's alone")
        let references = (0..<15).map { _ in
            ["inlineData": ["mimeType": "image/png", "data": TestImages.png().base64EncodedString()]]
        }
        let tooMany = try await calls.generate(StubCalls.body(size: "1K", parts: references), model: lite)
        #expect(tooMany.status == 400 && tooMany.errorMessage?.contains("at most 14") == true)
    }

    @Test func retiredModelsAnswer404UnlessTheStubPlaysAProxy() async throws {
        let google = try StubHarness()
        defer { google.stub.stop() }
        let proxy = try StubHarness { $0.servesRetiredModels = true }
        defer { proxy.stub.stop() }
        let body = StubCalls.body(ratio: "16:9", size: nil)
        let refused = try await StubCalls(google.stub).generate(body, model: "gemini-2.5-flash-image")
        #expect(refused.status == 404)
        #expect(
            refused.errorMessage?.hasPrefix("models/gemini-2.5-flash-image is not found for API version v1beta") == true
        )
        let served = try await StubCalls(proxy.stub).generate(body, model: "gemini-2.5-flash-image")
        #expect(PixelSize.of(served.finalImage ?? Data()) == PixelSize(width: 1344, height: 768))
        for retired in ["gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview", "imagen-4.0-generate-001"] {
            #expect(
                try await StubCalls(proxy.stub).generate(body, model: retired).status == 404,
                "\(retired) is gone everywhere")
        }
    }

    @Test(arguments: [
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"foo":1}"#,
            #"Invalid JSON payload received. Unknown name "foo": Cannot find field."#, "foo"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"foo":1}}"#,
            #"Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field."#,
            "generation_config.foo"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"generation_config":{"image_config":{"output_mime_type":"image/jpeg"}}}"#,
            #"Invalid JSON payload received. Unknown name "output_mime_type" at 'generation_config.image_config': Cannot find field."#,
            "generation_config.image_config.output_mime_type"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"},{"inline_datum":{}}]}]}"#,
            #"Invalid JSON payload received. Unknown name "inline_datum" at 'contents[0].parts[1]': Cannot find field."#,
            "contents[0].parts[1].inline_datum"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"thinkingConfig":{"thinkingLevel":"HIGH","level":1}}}"#,
            #"Invalid JSON payload received. Unknown name "level" at 'generation_config.thinking_config': Cannot find field."#,
            "generation_config.thinking_config.level"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"temperature":"warm"}}"#,
            #"Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "warm""#, "generation_config.temperature"
        ),
        (
            #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseModalities":["PICTURE"]}}"#,
            #"Invalid value at 'generation_config.response_modalities[0]' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.Modality), "PICTURE""#,
            "generation_config.response_modalities[0]"
        ),
    ])
    func unknownFieldsAndBadValuesAreTheServices400(body: String, message: String, field: String) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let answer = try await StubCalls(harness.stub).send(
            "/v1beta/models/gemini-3.1-flash-image:generateContent", body: Data(body.utf8))
        #expect(answer.status == 400)
        #expect(answer.errorMessage == message)
        let error = answer.json?["error"] as? [String: Any]
        #expect(error?["status"] as? String == "INVALID_ARGUMENT")
        let violations = ((error?["details"] as? [[String: Any]])?.first?["fieldViolations"] as? [[String: Any]]) ?? []
        #expect(violations.map { $0["field"] as? String } == [field])
    }

    @Test func everyKnownFieldPassesInBothSpellings() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let png = TestImages.png().base64EncodedString()
        let camel: [String: Any] = [
            "systemInstruction": ["role": "user", "parts": [["text": "You draw."]]],
            "contents": [
                [
                    "role": "user",
                    "parts": [
                        ["text": "A fox"], ["inlineData": ["mimeType": "image/png", "data": png]],
                        ["text": "again", "thought": false, "thoughtSignature": "c2ln"],
                    ],
                ]
            ],
            "tools": [
                ["googleSearch": ["searchTypes": ["webSearch": [String: Any](), "imageSearch": [String: Any]()]]]
            ],
            "safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"]],
            "generationConfig": [
                "responseModalities": ["TEXT", "IMAGE"], "temperature": 0.4, "topP": 0.9, "topK": 40, "seed": 7,
                "candidateCount": 1,
                "maxOutputTokens": 4096, "imageConfig": ["aspectRatio": "16:9", "imageSize": "512"],
                "thinkingConfig": ["thinkingLevel": "HIGH", "includeThoughts": true, "thinkingBudget": 1024],
            ],
        ]
        let calls = StubCalls(harness.stub)
        for body in [camel, Self.snakeCased(camel) as! [String: Any]] {
            let answer = try await calls.generate(body)
            #expect(answer.status == 200, "\(answer.errorMessage ?? "")")
            #expect(PixelSize.of(answer.finalImage ?? Data()) == PixelSize(width: 688, height: 384))
        }
        #expect(
            String(decoding: harness.stub.generateRequests[1].body, as: UTF8.self).contains("\"thinking_budget\""),
            "the second body really was snake_case")
    }

    @Test func oneCandidateOnly() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let two = try await calls.generate(StubCalls.body(generation: ["candidateCount": 2]))
        #expect(two.status == 400 && two.errorMessage == "Multiple candidates is not enabled for this model")
        #expect(try await calls.generate(StubCalls.body(generation: ["candidate_count": 1])).status == 200)
    }

    @Test func bodiesOverTheInlineLimitAreRefusedWithTheRealMessage() async throws {
        #expect(GeminiStub.Options().inlineLimitBytes == 20_971_520, "20 MB in the seeds")
        let standard = try StubHarness()
        defer { standard.stub.stop() }
        let huge = try await StubCalls(standard.stub).send(
            "/v1beta/models/gemini-3.1-flash-image:generateContent", body: Data(count: 20_971_521))
        #expect(huge.status == 400 && huge.errorMessage == "Request payload size exceeds the limit: 20971520 bytes.")

        let small = try StubHarness { $0.inlineLimitBytes = 65_536 }
        defer { small.stub.stop() }
        let calls = StubCalls(small.stub)
        let image = TestImages.png() + Data(count: 40_000)
        let fits = try await calls.generate(
            StubCalls.body(parts: [["inlineData": ["mimeType": "image/png", "data": image.base64EncodedString()]]]))
        #expect(fits.status == 200, "about 53 KB of base64 fits in 64 KiB")
        let over = image + Data(count: 10_000)
        let refused = try await calls.generate(
            StubCalls.body(parts: [["inlineData": ["mimeType": "image/png", "data": over.base64EncodedString()]]]))
        #expect(refused.status == 400 && refused.errorMessage == "Request payload size exceeds the limit: 65536 bytes.")
        #expect((refused.json?["error"] as? [String: Any])?["status"] as? String == "INVALID_ARGUMENT")
    }

    @Test func slowModelsSendNoByteUntilTheImageIsDone() async throws {
        let harness = try StubHarness { $0.latencyFor = ["gemini-3.1-flash-image:1K": 3, "gemini-3-pro-image": 1] }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let body = try JSONSerialization.data(withJSONObject: StubCalls.body(size: "1K"))
        let impatient = HTTPTransports.standard(idleTimeout: 1, requestTimeout: 10)
        let url = harness.baseURL.appendingPathComponent("v1beta/models/gemini-3.1-flash-image:generateContent")
        await #expect(
            throws: TransportError.self,
            "an idle timeout shorter than the latency cuts the call: not one byte came early"
        ) {
            _ = try await impatient.send(
                HTTPRequest(url: url, headers: ["x-goog-api-key": StubHarness.key], body: body))
        }
        var started = Date()
        #expect(try await calls.send("/v1beta/models/gemini-3.1-flash-image:generateContent", body: body).status == 200)
        #expect(Date().timeIntervalSince(started) >= 3)
        #expect(try await calls.generate(StubCalls.body(size: "512")).status == 200)
        // Which waits the stub applied, as it records them (a wall-clock bound would fail on a busy machine).
        #expect(harness.stub.generateRequests.map(\.latency) == [3, 3, 0], "the latency is for 1K only")
        started = Date()
        #expect(try await calls.generate(StubCalls.body(size: "1K"), model: "gemini-3-pro-image").status == 200)
        #expect(Date().timeIntervalSince(started) >= 1, "a model-wide latency applies to every size")
    }

    @Test(arguments: AnswerFormat.allCases)
    func scriptedAnswerFormatsAreRealImagesAtTheExactSize(format: AnswerFormat) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        harness.stub.script(.answerFormat(format))
        let answer = try await StubCalls(harness.stub).generate(
            StubCalls.body(ratio: "4:3", size: "1K"), model: "gemini-3-pro-image")
        let parts =
            (((answer.json?["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"]
                as? [[String: Any]]) ?? []
        #expect((parts.last?["inlineData"] as? [String: Any])?["mimeType"] as? String == format.label)
        let image = try #require(answer.finalImage)
        #expect(ImageFormat.sniff(image) == format.imageFormat)
        let decoded = try ImageCodecs.platform.decode(image)
        #expect(decoded.size == PixelSize(width: 1200, height: 896), "decodable, at the model's exact size")
    }

    @Test func aModelCanAnswerJPEGLabelledPNGOnEveryCall() async throws {
        let harness = try StubHarness { $0.answerFormats = ["gemini-3-pro-image": .jpegAsPNG] }
        defer { harness.stub.stop() }
        let result = try await harness.provider.generate(
            StubHarness.request(model: "gemini-3-pro-image", ratio: "16:9", size: "1K"))
        #expect(result.format == .jpeg, "the client sniffs the bytes; the label said image/png")
        #expect(try ImageCodecs.platform.decode(result.image).size == PixelSize(width: 1376, height: 768))
        let flash = try await harness.provider.generate(StubHarness.request())
        #expect(flash.format == .png, "other models keep PNG")
        harness.stub.script(.answerFormat(.webp))
        #expect(
            try await harness.provider.generate(StubHarness.request(model: "gemini-3-pro-image", size: "1K")).format
                == .webp, "a scripted format wins")
    }

    /// `imageConfig` → `image_config`, recursively.
    static func snakeCased(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return Dictionary(
                uniqueKeysWithValues: object.map { key, inner in
                    (JSONKeys.snakeCase(key), snakeCased(inner))
                })
        }
        if let array = value as? [Any] { return array.map(snakeCased) }
        return value
    }
}
