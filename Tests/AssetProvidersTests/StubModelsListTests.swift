import AssetProviders
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The stub's lineup and list routes, and what google-genai 3.6.1 sends to its upload route.
@Suite struct StubModelsListTests {
    @Test(arguments: ["v1", "v1beta"])
    func modelsAreListedFromTheStubsOwnTableWithPaging(version: String) async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let first = try await calls.send("/\(version)/models?pageSize=3", method: "GET")
        #expect(first.status == 200)
        let page = try #require(first.json?["models"] as? [[String: Any]])
        #expect(page.count == 3)
        let token = try #require(first.json?["nextPageToken"] as? String)
        let rest = try await calls.send(
            "/\(version)/models?pageSize=100&pageToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            method: "GET")
        let names = (page + ((rest.json?["models"] as? [[String: Any]]) ?? [])).compactMap { $0["name"] as? String }
        #expect(names.contains("models/gemini-nano-banana-2.1"))
        #expect(rest.json?["nextPageToken"] == nil)
        let bad = try await calls.send("/\(version)/models?pageToken=nonsense", method: "GET")
        #expect(bad.status == 400)
        let noKey = try await StubCalls(harness.stub, key: nil).send("/\(version)/models", method: "GET")
        #expect(noKey.status == 403)
    }

    @Test func theStubServesNanoBanana21WithoutA512Size() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let ok = try await calls.generate(StubCalls.body(ratio: "8:1", size: "1K"), model: "gemini-nano-banana-2.1")
        #expect(ok.status == 200)
        let small = try await calls.generate(StubCalls.body(size: "512"), model: "gemini-nano-banana-2.1")
        #expect(small.status == 400)
    }

    @Test func serveAsAnswersAsTheServingModel() async throws {
        let harness = try StubHarness { $0.serveAs = ["gemini-3.1-flash-image-preview": "gemini-nano-banana-2.1"] }
        defer { harness.stub.stop() }
        let answer = try await StubCalls(harness.stub).generate(
            StubCalls.body(size: "1K"), model: "gemini-3.1-flash-image-preview")
        #expect(answer.status == 200, "a retired id, routed")
        #expect(answer.json?["modelVersion"] as? String == "gemini-nano-banana-2.1")
    }

    /// google-genai 3.6.1 starts an upload with snake_case keys and `size_bytes`; Google accepts it.
    @Test func uploadStartAcceptsWhatTheSDKSendsAndStillRefusesUnknownKeys() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        func start(_ file: [String: Any]) async throws -> HTTPResponse {
            try await calls.send(
                "/upload/v1/files",
                headers: [
                    "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
                    "Content-Type": "application/json", "X-Goog-Upload-Header-Content-Length": "108",
                    "X-Goog-Upload-Header-Content-Type": "image/png",
                ], body: JSONSerialization.data(withJSONObject: ["file": file]))
        }
        #expect(try await start(["mime_type": "image/png", "size_bytes": 108]).status == 200)
        #expect(try await start(["mimeType": "image/png", "sizeBytes": "108", "displayName": "x"]).status == 200)
        let unknown = try await start(["mime_type": "image/png", "size_bytez": 108])
        #expect(unknown.status == 400)
        #expect(String(decoding: unknown.body, as: UTF8.self).contains("Unknown name \\\"size_bytez\\\""))
    }
}
