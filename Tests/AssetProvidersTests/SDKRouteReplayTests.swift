import AssetProviders
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Every request google-genai 3.6.1 made for every route the stub serves (`Scripts/record-sdk-requests.py`,
/// `Fixtures/sdk-routes.json`), replayed against the stub in the recorded order: each must be accepted, as
/// Google accepts it. The recording's fixed names (files/sdkfile1, batches/sdkbatch1, the upload URLs) are
/// swapped for the names the stub hands out as the replay goes.
@Suite struct SDKRouteReplayTests {
    struct Step {
        var name: String
        var requests: [[String: Any]]
    }

    static var steps: [Step] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/sdk-routes.json")
        let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        #expect(root["sdk"] as? String == "google-genai 3.6.1")
        return (root["steps"] as! [[String: Any]]).map {
            Step(name: $0["name"] as! String, requests: $0["requests"] as! [[String: Any]])
        }
    }

    /// Every stub route the issue names, by the SDK call that reaches it.
    static let everyRoute = [
        "models.list", "models.generate_content", "files.upload", "files.get", "files.list", "files.delete",
        "batches.create.inline", "files.upload.jsonl", "batches.create.file", "batches.get", "batches.list",
        "batches.cancel", "files.download",
    ]

    @Test func theRecordingCoversEveryRoute() {
        let recorded = Self.steps
        #expect(Set(recorded.map(\.name)) == Set(Self.everyRoute))
        for step in recorded { #expect(!step.requests.isEmpty, "\(step.name) recorded no request") }
    }

    @Test func everyRecordedRequestIsAcceptedByTheStub() async throws {
        let harness = try StubHarness { $0.batchSchedule = .afterPolls(1) }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        var names: [String: String] = [:]  // recorded name → the stub's
        var uploadURL: String?
        var nextPage: String?
        var uploads = 0
        var batches = 0
        for step in Self.steps {
            for recorded in step.requests {
                let method = recorded["method"] as! String
                var path = Self.swap(recorded["path"] as! String, names)
                if path.contains("upload_id=") { path = try #require(uploadURL, "\(step.name): no upload started") }
                if let range = path.range(of: #"pageToken=[^&]*"#, options: .regularExpression) {
                    // The next page as the stub numbers it: its own token, from the page before.
                    let token = try #require(nextPage, "\(step.name): no page before")
                    path.replaceSubrange(
                        range, with: "pageToken=" + token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                }
                var body = Data()
                if let json = recorded["json"] {
                    body = Data(
                        Self.swap(
                            String(
                                decoding: try JSONSerialization.data(
                                    withJSONObject: json, options: .withoutEscapingSlashes), as: UTF8.self), names
                        ).utf8)
                } else if let bytes = recorded["bytes"] as? String {
                    body = Data(base64Encoded: bytes)!
                }
                let headers = (recorded["headers"] as? [String: String]) ?? [:]
                let answer = try await calls.send(path, method: method, headers: headers, body: body)
                #expect(
                    answer.status == 200,
                    "\(step.name): \(method) \(path) answered \(answer.status): \(String(decoding: answer.body.prefix(400), as: UTF8.self))"
                )
                guard answer.status == 200 else { return }
                // Learn the names the stub gave, in the order the recording's capture server gave its own.
                if let url = answer.headers["x-goog-upload-url"] { uploadURL = url }
                nextPage = answer.json?["nextPageToken"] as? String
                if let file = answer.json?["file"] as? [String: Any], let name = file["name"] as? String {
                    uploads += 1
                    names["files/sdkfile\(uploads)"] = name
                    uploadURL = nil
                }
                if path.hasSuffix(":batchGenerateContent"), let name = answer.json?["name"] as? String {
                    batches += 1
                    names["batches/sdkbatch\(batches)"] = name
                }
                if let output = (answer.json?["metadata"] as? [String: Any])?["output"] as? [String: Any],
                    let file = output["responsesFile"] as? String
                {
                    names["files/sdkresults1"] = file
                }
            }
        }
        #expect(uploads == 2 && batches == 2)
        #expect(names["files/sdkresults1"] != nil, "the file batch finished and its results were downloaded")
    }

    /// The text with each recorded name replaced by the stub's, in paths (`/v1/files/sdkfile1`) and bodies.
    static func swap(_ text: String, _ names: [String: String]) -> String {
        names.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }
}
