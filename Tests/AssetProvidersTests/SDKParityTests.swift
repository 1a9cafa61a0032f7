import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The client's request bodies against bodies recorded from Google's official Python SDK (google-genai)
/// for the same configurations (`Scripts/record-sdk-requests.py`). The SDK passes `thinkingConfig` and
/// `searchTypes` through unconverted, so it sends those few keys in snake_case; generate-assets sends
/// camelCase throughout, which the API treats the same. It also encodes image bytes in URL-safe base64;
/// generate-assets sends standard base64, as the REST reference and proto3's JSON mapping print it (the
/// API accepts both). Keys are therefore compared in camelCase and `data` fields by their decoded bytes;
/// every other value, and the structure, must match exactly.
@Suite struct SDKParityTests {
    static var fixture: [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/sdk-requests.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static var caseNames: [String] { (fixture["cases"] as! [[String: Any]]).map { $0["name"] as! String } }

    /// camelCase keys; base64 `data` values re-encoded from their bytes.
    static func camel(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, inner) in dictionary {
                let name = JSONKeys.camelCase(key)
                if name == "data", let text = inner as? String, let bytes = Data(base64AnyAlphabet: text) {
                    out[name] = bytes.base64EncodedString()
                } else {
                    out[name] = camel(inner)
                }
            }
            return out
        }
        if let array = value as? [Any] { return array.map(camel) }
        return value
    }

    static func config(_ values: [String: Any], model: String) -> GenerationConfig {
        var config = GenerationConfig()
        config.model = model
        config.aspectRatio = values["aspect_ratio"] as? String
        config.imageSize = values["image_size"] as? String
        config.seed = values["seed"] as? Int
        config.temperature = values["temperature"] as? Double
        config.topP = values["top_p"] as? Double
        config.thinkingLevel = values["thinking_level"] as? String
        config.includeThoughts = values["include_thoughts"] as? Bool
        config.systemInstruction = values["system_instruction"] as? String
        config.googleSearch = values["google_search"] as? Bool
        config.imageSearch = values["image_search"] as? Bool
        config.responseModalities = values["response_modalities"] as? [String]
        config.safetySettings = values["safety_settings"] as? [String: String]
        return config
    }

    @Test(arguments: caseNames)
    func bodyMatchesTheOfficialSDK(name: String) async throws {
        let fixture = Self.fixture
        let recorded = try #require((fixture["cases"] as! [[String: Any]]).first { $0["name"] as? String == name })
        let images = [
            "png": Data(base64Encoded: fixture["png"] as! String)!,
            "jpeg": Data(base64Encoded: fixture["jpeg"] as! String)!,
        ]
        let model = recorded["model"] as! String
        let references = (recorded["references"] as! [String]).map { kind in
            ReferenceImage(name: kind, data: images[kind]!, format: kind == "png" ? .png : .jpeg)
        }
        let config = Self.config(recorded["config"] as! [String: Any], model: model)
        // gemini-2.5-flash-image is past its shutdown date: Google answers 404, a proxy may still serve it.
        let harness = try StubHarness { $0.servesRetiredModels = model == "gemini-2.5-flash-image" }
        defer { harness.stub.stop() }
        let row = ModelCatalog.models.first { $0.id == model }
        let request = GenerationRequest(
            assetID: name, fingerprint: SHA256.hash(name), prompt: recorded["prompt"] as! String, config: config,
            model: row,
            pixelSize: row?.pixelSize(aspectRatio: config.aspectRatio ?? "1:1", imageSize: config.imageSize),
            references: references)
        _ = try await harness.provider.generate(request)
        let sent = try #require(harness.stub.generateRequests.first)
        let ours = try #require(Self.camel(sent.json as Any) as? [String: Any])
        let theirs = Self.camel(recorded["body"]!) as! [String: Any]
        #expect(
            NSDictionary(dictionary: ours).isEqual(to: theirs),
            "ours: \(ours.keys.sorted()) vs SDK: \(theirs.keys.sorted())")
        #expect(sent.path.hasSuffix("/models/\(model):generateContent"))
    }

    @Test func wePreferCamelCaseEverywhere() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        var config = GenerationConfig()
        config.thinkingLevel = "high"
        config.includeThoughts = true
        config.imageSearch = true
        config.aspectRatio = "1:1"
        config.imageSize = "512"
        config.model = "gemini-3.1-flash-image"
        let request = GenerationRequest(
            assetID: "a", fingerprint: SHA256.hash("a"), prompt: "p", config: config,
            model: ModelCatalog.models.first, pixelSize: nil, references: [])
        _ = try await harness.provider.generate(request)
        let body = String(decoding: try #require(harness.stub.generateRequests.first?.body), as: UTF8.self)
        for snake in ["thinking_level", "include_thoughts", "image_search", "web_search", "aspect_ratio", "image_size"]
        {
            #expect(!body.contains(snake), "\(snake) in \(body)")
        }
    }
}
