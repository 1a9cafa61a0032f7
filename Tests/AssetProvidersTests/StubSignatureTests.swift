import AssetProviders
import Foundation
import GeminiStub
import Testing

/// The stub checks the thought signatures of a replayed model turn as the service does: the turn replayed as
/// answered passes; a signature removed, changed, or left on bytes that changed is the service's 400.
@Suite struct StubSignatureTests {
    static let model = "gemini-3-pro-image"

    /// A second turn whose history replays the first answer's model turn after `change` was applied to its parts.
    func replay(_ change: (inout [[String: Any]]) -> Void) async throws -> (HTTPResponse, [[String: Any]]) {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let first = try await calls.generate(StubCalls.body(prompt: "A fox", size: "1K"), model: Self.model)
        try #require(first.status == 200, "\(first.errorMessage ?? "")")
        var content = try #require(
            (first.json?["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])
        var parts = try #require(content["parts"] as? [[String: Any]])
        change(&parts)
        content["parts"] = parts
        var body = StubCalls.body(prompt: "A fox", size: "1K")
        var contents = try #require(body["contents"] as? [[String: Any]])
        contents += [content, ["role": "user", "parts": [["text": "Make it blue."]]]]
        body["contents"] = contents
        return (try await calls.generate(body, model: Self.model), parts)
    }

    /// The index of the answer's final (non-thought) image part.
    static func image(_ parts: [[String: Any]]) -> Int? {
        parts.lastIndex { $0["inlineData"] != nil && ($0["thought"] as? Bool) != true }
    }

    @Test func aTurnReplayedAsAnsweredPasses() async throws {
        let (answer, parts) = try await replay { _ in }
        #expect(answer.status == 200, "\(answer.errorMessage ?? "")")
        #expect(parts.contains { $0["thoughtSignature"] is String }, "the stub signs what it gives out")
    }

    @Test func aRemovedSignatureIsTheServicesMissingSignature400() async throws {
        var index = -1
        let (answer, _) = try await replay { parts in
            index = Self.image(parts) ?? -1
            if index >= 0 { parts[index]["thoughtSignature"] = nil }
        }
        try #require(index >= 0)
        #expect(answer.status == 400)
        #expect(
            answer.errorMessage?.hasPrefix(
                "Image part is missing a thought_signature in content position 2, part position \(index + 1).")
                == true, "\(answer.errorMessage ?? "")")
    }

    @Test func aChangedSignatureDoesNotVerify() async throws {
        let (answer, _) = try await replay { parts in
            guard let index = Self.image(parts), let signature = parts[index]["thoughtSignature"] as? String else {
                return
            }
            parts[index]["thoughtSignature"] = String(signature.reversed())
        }
        #expect(answer.status == 400)
        #expect(answer.errorMessage?.contains("Thought signature is not valid") == true, "\(answer.errorMessage ?? "")")
    }

    @Test func aSignatureOnBytesThatChangedDoesNotVerify() async throws {
        let (answer, _) = try await replay { parts in
            guard let index = Self.image(parts), var inline = parts[index]["inlineData"] as? [String: Any],
                let data = (inline["data"] as? String).flatMap({ Data(base64Encoded: $0) })
            else { return }
            inline["data"] = (data + Data([0])).base64EncodedString()  // the image re-encoded, as it were
            parts[index]["inlineData"] = inline
        }
        #expect(answer.status == 400)
        #expect(answer.errorMessage?.contains("Thought signature is not valid") == true, "\(answer.errorMessage ?? "")")
    }
}
