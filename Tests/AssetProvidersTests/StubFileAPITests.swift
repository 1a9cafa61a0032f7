import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The stub's File API over real HTTP: resumable uploads, file resources, expiry, and `fileData` references.
@Suite struct StubFileAPITests {
    @Test func anUploadBecomesAFileThatCanBeReadAndDeleted() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let image = TestImages.png(width: 20, height: 10, seed: 9)
        let start = try await calls.send(
            "/upload/v1beta/files",
            headers: [
                "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
                "Content-Type": "application/json",
                "X-Goog-Upload-Header-Content-Length": String(image.count),
                "X-Goog-Upload-Header-Content-Type": "image/png",
            ], body: Data(#"{"file":{"display_name":"hero"}}"#.utf8))
        #expect(start.status == 200 && start.body.isEmpty)
        #expect(start.headers["x-goog-upload-status"] == "active")
        let url = try #require(start.headers["x-goog-upload-url"])
        #expect(
            url.hasPrefix(harness.baseURL.absoluteString + "/upload/v1beta/files?upload_id=")
                && url.hasSuffix("&upload_protocol=resumable"))

        let done = try await calls.send(
            url, headers: ["X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": "0"], body: image)
        #expect(done.status == 200)
        #expect(done.headers["x-goog-upload-status"] == "final")
        let file = try #require(done.json?["file"] as? [String: Any])
        let name = try #require(file["name"] as? String)
        #expect(name.range(of: #"^files/[a-z0-9]{12}$"#, options: .regularExpression) != nil)
        #expect(file["displayName"] as? String == "hero")
        #expect(file["mimeType"] as? String == "image/png")
        #expect(file["sizeBytes"] as? String == String(image.count), "int64 travels as a string")
        #expect(
            file["sha256Hash"] as? String == Data(SHA256.hash(image).hex.utf8).base64EncodedString(),
            "base64 of the hex digest, as Google sends it")
        #expect(file["uri"] as? String == harness.baseURL.absoluteString + "/v1beta/" + name)
        #expect(file["state"] as? String == "ACTIVE" && file["source"] as? String == "UPLOADED")
        let created = try #require((file["createTime"] as? String).flatMap(Self.date))
        let expires = try #require((file["expirationTime"] as? String).flatMap(Self.date))
        #expect(abs(expires.timeIntervalSince(created) - 48 * 3600) < 1, "files live 48 hours")
        let upload = try #require(harness.stub.uploads.first)
        #expect(harness.stub.uploads.count == 1)
        #expect(upload.name == name && upload.sha256 == SHA256.hash(image).hex && upload.size == image.count)
        #expect(upload.mimeType == "image/png" && upload.displayName == "hero")

        let read = try await calls.send("/v1beta/\(name)", method: "GET")
        #expect(read.status == 200 && read.json?["sha256Hash"] as? String == file["sha256Hash"] as? String)
        #expect(try await calls.send("/v1beta/\(name)", method: "DELETE").status == 200)
        let gone = try await calls.send("/v1beta/\(name)", method: "GET")
        #expect(gone.status == 403)
        #expect(gone.errorMessage == "You do not have permission to access the File \(name) or it may not exist.")
        #expect((gone.json?["error"] as? [String: Any])?["status"] as? String == "PERMISSION_DENIED")
    }

    @Test func badStartsAreRefused() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let good = [
            "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
            "X-Goog-Upload-Header-Content-Length": "10", "X-Goog-Upload-Header-Content-Type": "image/png",
        ]
        let noKey = try await StubCalls(harness.stub, key: nil).send("/upload/v1beta/files", headers: good)
        #expect(noKey.status == 403)
        let wrongKey = try await StubCalls(harness.stub, key: "nope").send("/upload/v1beta/files", headers: good)
        #expect(wrongKey.status == 400 && wrongKey.errorMessage == "API key not valid. Please pass a valid API key.")
        let calls = StubCalls(harness.stub)
        for missing in [
            "X-Goog-Upload-Protocol", "X-Goog-Upload-Command", "X-Goog-Upload-Header-Content-Length",
            "X-Goog-Upload-Header-Content-Type",
        ] {
            let answer = try await calls.send("/upload/v1beta/files", headers: good.filter { $0.key != missing })
            #expect(answer.status == 400 && answer.headers["x-goog-upload-url"] == nil, "without \(missing)")
        }
        let unknown = try await calls.send(
            "/upload/v1beta/files", headers: good, body: Data(#"{"file":{"displayName":"a","colour":"red"}}"#.utf8))
        #expect(
            unknown.errorMessage
                == #"Invalid JSON payload received. Unknown name "colour" at 'file': Cannot find field."#)
        #expect(harness.stub.uploads.isEmpty)
    }

    @Test func theByteCountMustMatchTheAnnouncedLength() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let image = TestImages.png()
        let short = try await calls.upload(image, announced: image.count + 1)
        #expect(short.status == 400 && short.errorMessage?.contains("announced \(image.count + 1)") == true)
        let long = try await calls.upload(image, announced: image.count - 1)
        #expect(long.status == 400)
        #expect(harness.stub.uploads.isEmpty)
        #expect(try await calls.upload(image).status == 200)
        #expect(harness.stub.uploads.count == 1)
    }

    @Test func chunksMustArriveInOrder() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let image = TestImages.png(width: 64, height: 64)
        let start = try await calls.send(
            "/upload/v1beta/files",
            headers: [
                "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
                "X-Goog-Upload-Header-Content-Length": String(image.count),
                "X-Goog-Upload-Header-Content-Type": "image/png",
            ])
        let url = try #require(start.headers["x-goog-upload-url"])
        let half = image.count / 2
        let first = try await calls.send(
            url, headers: ["X-Goog-Upload-Command": "upload", "X-Goog-Upload-Offset": "0"], body: image.prefix(half))
        #expect(first.status == 200 && first.headers["x-goog-upload-status"] == "active")
        let skipped = try await calls.send(
            url, headers: ["X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": "0"],
            body: image.suffix(from: half))
        #expect(skipped.status == 400, "the offset must be the bytes received so far")
        let last = try await calls.send(
            url, headers: ["X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": String(half)],
            body: image.suffix(from: half))
        #expect(last.status == 200)
        #expect(harness.stub.uploads.first?.sha256 == SHA256.hash(image).hex)
    }

    @Test func fileDataReferencesCountAsImagesButNotTowardsTheInlineLimit() async throws {
        let harness = try StubHarness { $0.inlineLimitBytes = 8_192 }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let big = TestImages.png() + Data(count: 50_000)
        let inline = try await calls.generate(
            StubCalls.body(parts: [["inlineData": ["mimeType": "image/png", "data": big.base64EncodedString()]]]))
        #expect(inline.status == 400 && inline.errorMessage == "Request payload size exceeds the limit: 8192 bytes.")
        let uri = try #require((try await calls.upload(big).json?["file"] as? [String: Any])?["uri"] as? String)
        let part: [String: Any] = ["fileData": ["mimeType": "image/png", "fileUri": uri]]
        let answer = try await calls.generate(StubCalls.body(parts: [part]))
        #expect(answer.status == 200, "\(answer.errorMessage ?? "")")
        let tokens = (answer.json?["usageMetadata"] as? [String: Any])?["promptTokenCount"] as? Int
        #expect(
            tokens == 5 / 4 + 258 + 4, "the prompt's tokens, one image's 258, and overhead: the file counts as an image"
        )
        let fifteen = try await calls.generate(StubCalls.body(parts: Array(repeating: part, count: 15)))
        #expect(fifteen.status == 400 && fifteen.errorMessage?.contains("Too many images: 15") == true)

        let text = try #require(
            (try await calls.upload(Data("not a picture".utf8), mimeType: "image/png").json?["file"] as? [String: Any])?[
                "uri"] as? String)
        let unreadable = try await calls.generate(
            StubCalls.body(parts: [["fileData": ["mimeType": "image/png", "fileUri": text]]]))
        #expect(unreadable.status == 400 && unreadable.errorMessage?.hasPrefix("Unable to process input image") == true)
        let foreign = try await calls.generate(
            StubCalls.body(parts: [["fileData": ["mimeType": "image/png", "fileUri": "https://example.com/fox.png"]]]))
        #expect(foreign.status == 400)
    }

    @Test func expiredFilesAnswer403WhereverTheyAreUsed() async throws {
        // The stub's files live by an injected clock: the test moves it, nothing waits on wall time.
        let clock = ManualClock()
        let harness = try StubHarness {
            $0.fileTTL = 10
            $0.clock = clock
        }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let file = try #require(try await calls.upload(TestImages.png()).json?["file"] as? [String: Any])
        let name = try #require(file["name"] as? String)
        let uri = try #require(file["uri"] as? String)
        let body = StubCalls.body(parts: [["file_data": ["mime_type": "image/png", "file_uri": uri]]])
        #expect(try await calls.generate(body).status == 200, "live: usable, in snake_case too")
        let expiry = try #require((file["expirationTime"] as? String).flatMap(Self.date))
        #expect(abs(expiry.timeIntervalSince(clock.now()) - 10) < 0.01, "the TTL set")
        clock.advance(9.9)
        #expect(try await calls.generate(body).status == 200, "still live just before its expiry")
        clock.advance(0.2)
        let expired = try await calls.generate(body)
        #expect(expired.status == 403)
        #expect(expired.errorMessage == "You do not have permission to access the File \(name) or it may not exist.")
        #expect(try await calls.send("/v1beta/\(name)", method: "GET").status == 403)
    }

    @Test func expireAllFilesEndsEveryUploadAtOnce() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        var names: [String] = []
        for seed in 1...3 {
            names.append(
                try #require(
                    (try await calls.upload(TestImages.png(seed: UInt8(seed))).json?["file"] as? [String: Any])?["name"]
                        as? String))
        }
        #expect(Set(harness.stub.uploads.map(\.sha256)).count == 3)
        for name in names { #expect(try await calls.send("/v1beta/\(name)", method: "GET").status == 200) }
        harness.stub.expireAllFiles()
        for name in names { #expect(try await calls.send("/v1beta/\(name)", method: "GET").status == 403) }
    }

    @Test func theClientsUploadsMeetTheStub() async throws {
        let harness = try StubHarness { $0.inlineLimitBytes = 65_536 }
        defer { harness.stub.stop() }
        let references = (1...3).map { seed in
            ReferenceImage(
                name: "r\(seed).png", data: TestImages.png(seed: UInt8(seed)) + Data(count: 70_000), format: .png)
        }
        let request = StubHarness.request(references: references)
        _ = try await harness.provider.generate(request)
        let parts = parts(harness.stub.generateRequests.last?.json)
        #expect(
            parts.filter { $0["fileData"] != nil }.count == 3,
            "every reference is over the limit alone: all three travel as fileData")
        #expect(Set(harness.stub.uploads.map(\.sha256)) == Set(references.map { SHA256.hash($0.data).hex }))
        _ = try await harness.provider.generate(request)
        #expect(harness.stub.uploads.count == 3, "live uploads are reused")
        harness.stub.expireFile(harness.stub.uploads[1].name)
        _ = try await harness.provider.generate(request)
        #expect(harness.stub.uploads.count == 4, "a 403 names the expired file: it alone is uploaded again")
        #expect(harness.stub.generateRequests.map(\.status) == [200, 200, 403, 200])

        // Like the service, the stub names one missing file per answer (the first it meets): the client
        // uploads each named file again, one retry per upload at most.
        harness.stub.expireAllFiles()
        _ = try await harness.provider.generate(request)
        #expect(harness.stub.uploads.count == 7, "all three expired files were uploaded again")
        #expect(harness.stub.generateRequests.last?.status == 200)
    }

    @Test func anUploadURLOnAnotherHostIsRefusedAndGetsNoKey() async throws {
        // The stub listens on 127.0.0.1; its start answer names "localhost", the same machine under another
        // host name, so a client that followed it would be seen sending the bytes (and key) there.
        let harness = try StubHarness {
            $0.inlineLimitBytes = 65_536
            $0.uploadHost = "localhost"
        }
        defer { harness.stub.stop() }
        let reference = ReferenceImage(
            name: "big.png", data: TestImages.png(seed: 9) + Data(count: 70_000), format: .png)
        let error = await harness.failure(StubHarness.request(references: [reference]))
        #expect(error?.message.contains("upload URL on http://localhost") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not the configured service") == true)
        #expect(error?.message.contains(StubHarness.key) == false)
        let continued = harness.stub.requests.filter {
            $0.path.contains("upload") && $0.headers["x-goog-upload-command"] != "start"
        }
        #expect(continued.isEmpty, "nothing was sent to the upload URL")
        #expect(harness.stub.uploads.isEmpty)
        #expect(harness.stub.generateRequests.isEmpty, "no call is made without its reference")
    }

    @Test func aRedirectToAnotherHostIsNotFollowedAndGetsNoKey() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        // 307 to the same path on "localhost": the stub under another host name, so a followed redirect shows.
        harness.stub.script(.redirect)
        let error = await harness.failure(StubHarness.request())
        #expect(harness.stub.generateRequests.count == 1, "the redirect was not followed: the key stayed at home")
        #expect(
            error?.message.contains("HTTP 307 redirect to http://localhost:") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not followed") == true)
        #expect(error?.message.contains(StubHarness.key) == false)
    }

    /// Every part of a recorded generateContent body.
    func parts(_ body: [String: Any]?) -> [[String: Any]] {
        ((body?["contents"] as? [[String: Any]]) ?? []).flatMap { ($0["parts"] as? [[String: Any]]) ?? [] }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
