import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The lock entry and the git note of a generated image, compared field by field with what was sent to the
/// service and what it answered (the stub records both), not just checked for the keys' presence.
@Suite struct ProvenanceFieldTests {
    let tool = ToolRunner()
    let canary = "AIzaCANARY-\(UUID().uuidString)"

    static let manifest = """
        version: 1
        defaults:
          model: gemini-3.1-flash-image
          image_size: 1K
          system_instruction: "Draw for a field guide."
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A red fox in snow"
            references: [Art/ref.png]
            config: {aspect_ratio: "16:9", seed: 42, thinking_level: high, temperature: 0.5}
        """

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func lockAndNoteRecordWhatWasSentAndAnswered() throws {
        let stub = GeminiStub(options: .init(apiKey: canary))
        let url = try stub.start()
        defer { stub.stop() }
        let project = TemporaryDirectory("provenance-fields")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", Self.manifest)
        let reference = TestImages.png(width: 16, height: 16, seed: 7)
        project.write("Art/ref.png", reference)
        let run = try tool.run(
            ["generate", "--yes", "--json"], in: project.path,
            environment: ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": canary, "HOME": project.path])
        #expect(run.status == 0, "\(run.stderr)")

        // What was sent and answered.
        let request = try #require(stub.generateRequests.only, "one call")
        let body = try #require(request.json)
        let generation = try #require(body["generationConfig"] as? [String: Any])
        let parts = try #require(((body["contents"] as? [[String: Any]])?.first?["parts"]) as? [[String: Any]])
        let sentText = parts.compactMap { $0["text"] as? String }.joined()
        let sentImage = try #require(
            parts.compactMap { ($0["inlineData"] as? [String: Any])?["data"] as? String }.first.flatMap {
                Data(base64Encoded: $0)
            })
        let instruction =
            (((body["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]])?.first)?[
                "text"] as? String
        let answered = try #require(request.imageSHA256)
        let responseID = try #require(request.responseID)
        let usage = try #require(request.usage)
        let output = try #require(project.read("Images/fox.png"))

        // The lock entry.
        let lock = try json(String(decoding: try #require(project.read("assets.lock")), as: UTF8.self))
        let entry = try #require((lock["assets"] as? [String: Any])?["fox"] as? [String: Any])
        let inputs = try #require(entry["inputs"] as? [String: Any])
        let config = try #require(inputs["config"] as? [String: String])
        #expect(entry["output"] as? String == "Images/fox.png")
        #expect(entry["output_sha256"] as? String == SHA256.hash(output).hex, "the bytes on disk")
        #expect(entry["answer_sha256"] as? String == answered, "the bytes the service answered")
        #expect(entry["provider"] as? String == "gemini" && entry["placeholder"] as? Bool == false)
        #expect(entry["model"] as? String == request.model && inputs["model"] as? String == request.model)
        #expect(inputs["prompt"] as? String == sentText, "the prompt as sent")
        #expect(inputs["system_instruction"] as? String == instruction)
        #expect(config["seed"] == "42" && generation["seed"] as? Int == 42)
        #expect(config["temperature"] == "0.5" && generation["temperature"] as? Double == 0.5)
        #expect(
            config["thinking_level"] == "high"
                && (generation["thinkingConfig"] as? [String: Any])?["thinkingLevel"] as? String == "HIGH")
        #expect(
            config["aspect_ratio"] == "16:9"
                && (generation["imageConfig"] as? [String: Any])?["aspectRatio"] as? String == "16:9")
        let references = try #require(inputs["references"] as? [[String: Any]])
        #expect(references.map { $0["sha256"] as? String } == [SHA256.hash(sentImage).hex])
        #expect(SHA256.hash(sentImage) == SHA256.hash(reference), "the reference's bytes were sent")
        #expect(
            run.json.flatMap { ($0["assets"] as? [[String: Any]])?.first?["fingerprint"] as? String }
                == entry["fingerprint"] as? String)

        // The note on the commit: the same facts, plus the answer's own.
        let noteText = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: project.path)
        let record = try #require((try json(noteText)["assets"] as? [[String: Any]])?.only)
        for key in ["output", "output_sha256", "answer_sha256", "fingerprint", "provider", "model", "placeholder"] {
            #expect(
                (record[key] as? NSObject) == (entry[key] as? NSObject), "note and lock agree on \(key)")
        }
        #expect(record["id"] as? String == "fox" && record["action"] as? String == "generated")
        #expect(record["answer_sha256"] as? String == answered)
        #expect(record["response_id"] as? String == responseID, "the service's responseId")
        #expect(record["model_version"] as? String == "gemini-3.1-flash-image")
        #expect(record["prompt"] as? String == sentText && record["system_instruction"] as? String == instruction)
        #expect(record["config"] as? [String: String] == config)
        #expect(
            (record["references"] as? [[String: Any]])?.map { $0["path"] as? String } == ["Art/ref.png"]
                && (record["references"] as? [[String: Any]])?.map { $0["sha256"] as? String }
                    == [SHA256.hash(reference).hex]
        )
        let noted = try #require(record["usage"] as? [String: Any])
        #expect(noted["promptTokens"] as? Int == usage["promptTokenCount"])
        #expect(noted["thoughtsTokens"] as? Int == usage["thoughtsTokenCount"])
        #expect(noted["totalTokens"] as? Int == usage["totalTokenCount"])
        #expect(noted["outputTokens"] as? Int == usage["candidatesTokenCount"])
        #expect((record["cost_usd"] as? Double ?? 0) > 0, "priced from the usage")
    }
}
