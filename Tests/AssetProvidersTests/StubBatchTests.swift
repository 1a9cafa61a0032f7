import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// The stub's Batch API over real HTTP: schedules tests control, results like synchronous answers, per-request
/// failures, file input and output, cancel, expiry, listing.
@Suite struct StubBatchTests {
    static func inline(_ requests: [(key: String, body: [String: Any])], displayName: String = "rebuild") -> [String:
        Any]
    {
        [
            "batch": [
                "displayName": displayName,
                "inputConfig": [
                    "requests": ["requests": requests.map { ["request": $0.body, "metadata": ["key": $0.key]] }]
                ],
            ]
        ]
    }

    static func create(_ calls: StubCalls, _ body: [String: Any], model: String = "gemini-3.1-flash-image") async throws
        -> HTTPResponse
    {
        try await calls.send("/v1beta/models/\(model):batchGenerateContent", json: body)
    }

    static func metadata(_ operation: HTTPResponse) -> [String: Any] {
        (operation.json?["metadata"] as? [String: Any]) ?? [:]
    }
    static func state(_ operation: HTTPResponse) -> String? { metadata(operation)["state"] as? String }
    static func stats(_ operation: HTTPResponse) -> [String: String] {
        (metadata(operation)["batchStats"] as? [String: String]) ?? [:]
    }

    @Test func aBatchRunsOnItsScheduleAndDrawsWhatASynchronousCallWould() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        harness.stub.scriptBatch(succeedAfterPolls: 3)
        let requests = [
            (key: "a1", body: StubCalls.body(prompt: "one", ratio: "16:9")),
            (key: "a2", body: StubCalls.body(prompt: "two", ratio: "1:8")),
            (key: "a3", body: StubCalls.body(prompt: "three", ratio: "21:9")),
        ]
        let created = try await Self.create(calls, Self.inline(requests))
        #expect(created.status == 200)
        let name = try #require(created.json?["name"] as? String)
        #expect(name.range(of: #"^batches/[a-z0-9]+$"#, options: .regularExpression) != nil)
        let metadata = Self.metadata(created)
        #expect(
            metadata["@type"] as? String
                == "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch")
        #expect(
            metadata["model"] as? String == "models/gemini-3.1-flash-image"
                && metadata["displayName"] as? String == "rebuild")
        #expect(Self.state(created) == "BATCH_STATE_PENDING")
        #expect(
            Self.stats(created) == ["requestCount": "3", "pendingRequestCount": "3"], "int64 as strings, zeros left out"
        )
        #expect(created.json?["done"] == nil, "done is left out while false")
        #expect(harness.stub.batchRequests.map(\.batchName) == [name])

        for _ in 1...2 {
            let poll = try await calls.send("/v1beta/\(name)", method: "GET")
            #expect(Self.state(poll) == "BATCH_STATE_RUNNING" && poll.json?["done"] == nil)
        }
        let done = try await calls.send("/v1beta/\(name)", method: "GET")
        #expect(Self.state(done) == "BATCH_STATE_SUCCEEDED" && done.json?["done"] as? Bool == true)
        #expect(Self.stats(done) == ["requestCount": "3", "successfulRequestCount": "3"])
        let output = try #require(Self.metadata(done)["output"] as? [String: Any])
        let responses = try #require(
            (output["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]])
        #expect(
            responses.map { ($0["metadata"] as? [String: Any])?["key"] as? String } == ["a1", "a2", "a3"],
            "request order, metadata echoed")
        let sizes = responses.map {
            PixelSize.of(StubCalls.finalImage(in: $0["response"] as? [String: Any] ?? [:]) ?? Data())
        }
        #expect(
            sizes == [
                PixelSize(width: 688, height: 384), PixelSize(width: 192, height: 1536),
                PixelSize(width: 792, height: 168),
            ])
        #expect(
            (done.json?["response"] as? [String: Any])?["@type"] as? String
                == "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput")

        let synchronous = try await calls.generate(requests[0].body)
        #expect(
            synchronous.finalImage == StubCalls.finalImage(in: responses[0]["response"] as? [String: Any] ?? [:]),
            "the same request draws the same image")
        #expect(harness.stub.batches.first?.polls == 3 && harness.stub.batches.first?.keys == ["a1", "a2", "a3"])
    }

    @Test func failedRequestsFailAlone() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        harness.stub.scriptBatch(succeedAfterPolls: 1, failKeys: ["b"])
        harness.stub.script(.blockPrompt("SAFETY"), matching: "forbidden")
        harness.stub.script(.status(503), matching: "busy")
        let created = try await Self.create(
            calls,
            Self.inline([
                (key: "a", body: StubCalls.body(prompt: "fine")), (key: "b", body: StubCalls.body(prompt: "also fine")),
                (key: "c", body: StubCalls.body(prompt: "odd", ratio: "7:3")),
                (key: "d", body: StubCalls.body(prompt: "a forbidden thing")),
                (key: "e", body: StubCalls.body(prompt: "busy")),
            ]))
        let name = try #require(created.json?["name"] as? String)
        let done = try await calls.send("/v1beta/\(name)", method: "GET")
        #expect(Self.state(done) == "BATCH_STATE_SUCCEEDED")
        #expect(Self.stats(done) == ["requestCount": "5", "successfulRequestCount": "2", "failedRequestCount": "3"])
        let responses =
            ((Self.metadata(done)["output"] as? [String: Any])?["inlinedResponses"] as? [String: Any])?[
                "inlinedResponses"] as? [[String: Any]] ?? []
        let errors = responses.map { $0["error"] as? [String: Any] }
        #expect(StubCalls.finalImage(in: responses[0]["response"] as? [String: Any] ?? [:]) != nil)
        #expect(errors[1]?["code"] as? Int == 13, "a scripted key failure is an INTERNAL status")
        #expect(
            errors[2]?["code"] as? Int == 3 && errors[2]?["message"] as? String == "Unsupported aspect ratio: 7:3.",
            "validated like a synchronous call")
        #expect(
            ((responses[3]["response"] as? [String: Any])?["promptFeedback"] as? [String: Any])?["blockReason"]
                as? String == "SAFETY")
        #expect(errors[4]?["code"] as? Int == 14, "a scripted 503 is UNAVAILABLE")
    }

    @Test func badBatchesAreRefusedWhole() async throws {
        let harness = try StubHarness { $0.batchInlineLimitBytes = 4_096 }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let good = (key: "a", body: StubCalls.body())
        var typo = StubCalls.body()
        typo["generationConfig"] = ["imageConfig": ["aspectRatio": "1:1"], "aspect_ratio": "1:1"]
        let unknown = try await Self.create(calls, Self.inline([good, (key: "b", body: typo)]))
        #expect(unknown.status == 400)
        #expect(
            unknown.errorMessage
                == #"Invalid JSON payload received. Unknown name "aspect_ratio" at 'batch.input_config.requests.requests[1].request.generation_config': Cannot find field."#
        )
        #expect(try await Self.create(calls, Self.inline([good]), model: "gemini-9-image").status == 404)
        #expect(
            try await Self.create(calls, Self.inline([good]), model: "gemini-2.5-flash-image").status == 404,
            "past its shutdown date")
        #expect(try await Self.create(StubCalls(harness.stub, key: nil), Self.inline([good])).status == 403)
        let unnamed = try await Self.create(
            calls, ["batch": ["inputConfig": ["requests": ["requests": [["request": good.body]]]]]])
        #expect(unnamed.status == 400 && unnamed.errorMessage?.contains("display_name") == true)
        let big = (key: "big", body: StubCalls.body(prompt: String(repeating: "x", count: 5_000)))
        let over = try await Self.create(calls, Self.inline([big]))
        #expect(over.status == 400 && over.errorMessage == "Request payload size exceeds the limit: 4096 bytes.")
        #expect(harness.stub.batches.isEmpty)
    }

    @Test func fileInputAnswersWithADownloadableResultsFile() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        harness.stub.scriptBatch(BatchScript(schedule: .manual))
        let lines = [
            ["key": "k1", "request": StubCalls.body(prompt: "one", ratio: "4:3")],
            [
                "key": "k2",
                "request": [
                    "contents": [["parts": [["text": "two"]]]],
                    "generation_config": ["image_config": ["aspect_ratio": "9:16", "image_size": "512"]],
                ],
            ],
            [
                "key": "k3",
                "request": ["contents": [["parts": [["text": "three"]]]], "generationConfig": ["colour": "red"]],
            ],
        ]
        var jsonl = Data()
        for line in lines { jsonl += try JSONSerialization.data(withJSONObject: line) + Data("\n".utf8) }
        jsonl += Data("\n".utf8)
        let file = try #require(
            try await calls.upload(jsonl, mimeType: "application/jsonl").json?["file"] as? [String: Any])
        let fileName = try #require(file["name"] as? String)
        let created = try await Self.create(
            calls, ["batch": ["displayName": "from-file", "inputConfig": ["fileName": fileName]]])
        #expect(created.status == 200, "\(created.errorMessage ?? "")")
        #expect((Self.metadata(created)["inputConfig"] as? [String: Any])?["fileName"] as? String == fileName)
        #expect(Self.stats(created)["requestCount"] == "3", "blank lines are not requests")
        let name = try #require(created.json?["name"] as? String)
        for _ in 1...3 {
            #expect(
                Self.state(try await calls.send("/v1beta/\(name)", method: "GET")) == "BATCH_STATE_RUNNING",
                "manual: it waits")
        }

        harness.stub.completeAllBatches()
        let done = try await calls.send("/v1beta/\(name)", method: "GET")
        #expect(Self.state(done) == "BATCH_STATE_SUCCEEDED")
        let results = try #require((Self.metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
        #expect(results.hasPrefix("files/batch-"))
        let download = try await calls.send("/download/v1beta/\(results):download?alt=media", method: "GET")
        #expect(download.status == 200)
        let entries = download.body.split(separator: 0x0A).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
        #expect(entries.map { $0["key"] as? String } == ["k1", "k2", "k3"])
        #expect(
            PixelSize.of(StubCalls.finalImage(in: entries[0]["response"] as? [String: Any] ?? [:]) ?? Data())
                == PixelSize(width: 600, height: 448))
        #expect(
            PixelSize.of(StubCalls.finalImage(in: entries[1]["response"] as? [String: Any] ?? [:]) ?? Data())
                == PixelSize(width: 384, height: 688))
        #expect(
            (entries[2]["error"] as? [String: Any])?["message"] as? String
                == #"Invalid JSON payload received. Unknown name "colour" at 'request.generation_config': Cannot find field."#,
            "a bad line fails alone")
        #expect(
            try await calls.send("/download/v1beta/\(results):download", method: "GET").status == 400,
            "alt=media is required")
        #expect(
            try await StubCalls(harness.stub, key: nil).send(
                "/download/v1beta/\(results):download?alt=media", method: "GET"
            ).status == 403)
        #expect(
            try await calls.send("/download/v1beta/\(fileName):download?alt=media", method: "GET").status == 400,
            "uploads cannot be downloaded")
    }

    @Test func batchesCanBeCancelledExpiredOrFailed() async throws {
        let harness = try StubHarness { $0.batchSchedule = .manual }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        var names: [String] = []
        for index in 0..<4 {
            let created = try await Self.create(
                calls, Self.inline([(key: "k", body: StubCalls.body(prompt: "p\(index)"))], displayName: "job-\(index)")
            )
            names.append(try #require(created.json?["name"] as? String))
        }
        #expect(try await calls.send("/v1beta/\(names[0]):cancel", json: [String: Any]()).status == 200)
        let cancelled = try await calls.send("/v1beta/\(names[0])", method: "GET")
        #expect(Self.state(cancelled) == "BATCH_STATE_CANCELLED" && cancelled.json?["done"] as? Bool == true)
        #expect(Self.metadata(cancelled)["output"] == nil)
        let again = try await calls.send("/v1beta/\(names[0]):cancel", json: [String: Any]())
        #expect(
            again.status == 400
                && (again.json?["error"] as? [String: Any])?["status"] as? String == "FAILED_PRECONDITION")

        harness.stub.finishBatch(names[1], as: .expired)
        harness.stub.finishBatch(names[2], as: .failed)
        harness.stub.completeAllBatches()
        let states = try await names.asyncMap { Self.state(try await calls.send("/v1beta/\($0)", method: "GET")) }
        #expect(
            states == ["BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED", "BATCH_STATE_FAILED", "BATCH_STATE_SUCCEEDED"])
        #expect(
            try await calls.send("/v1beta/\(names[2])", method: "GET").json?["error"] != nil,
            "a failed batch carries an error")
        #expect(try await calls.send("/v1beta/batches/nosuchbatch", method: "GET").status == 404)
    }

    @Test func aTimedScheduleFinishesOnTheClock() async throws {
        // The schedule runs on an injected clock: the test moves it, nothing waits on wall time.
        let clock = ManualClock()
        let harness = try StubHarness {
            $0.batchSchedule = .afterSeconds(2)
            $0.clock = clock
        }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let created = try await Self.create(calls, Self.inline([(key: "k", body: StubCalls.body())]))
        let name = try #require(created.json?["name"] as? String)
        #expect(Self.state(try await calls.send("/v1beta/\(name)", method: "GET")) == "BATCH_STATE_RUNNING")
        clock.advance(1.9)
        #expect(Self.state(try await calls.send("/v1beta/\(name)", method: "GET")) == "BATCH_STATE_RUNNING")
        clock.advance(0.1)
        #expect(Self.state(try await calls.send("/v1beta/\(name)", method: "GET")) == "BATCH_STATE_SUCCEEDED")
    }

    @Test func listingPagesNewestFirstWithDisplayNames() async throws {
        let harness = try StubHarness { $0.batchSchedule = .manual }
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        for index in 0..<12 {
            _ = try await Self.create(
                calls, Self.inline([(key: "k", body: StubCalls.body(prompt: "p\(index)"))], displayName: "job-\(index)")
            )
        }
        func names(_ page: HTTPResponse) -> [String] {
            ((page.json?["operations"] as? [[String: Any]]) ?? []).compactMap {
                ($0["metadata"] as? [String: Any])?["displayName"] as? String
            }
        }
        let first = try await calls.send("/v1beta/batches", method: "GET")
        #expect(names(first) == (2..<12).reversed().map { "job-\($0)" }, "10 to a page, newest first")
        let token = try #require(first.json?["nextPageToken"] as? String)
        let second = try await calls.send("/v1beta/batches?pageToken=\(token)", method: "GET")
        #expect(names(second) == ["job-1", "job-0"] && second.json?["nextPageToken"] == nil)
        let small = try await calls.send("/v1beta/batches?pageSize=5", method: "GET")
        #expect(names(small).count == 5 && small.json?["nextPageToken"] != nil)
        #expect(try await calls.send("/v1beta/batches?pageToken=garbage", method: "GET").status == 400)
        #expect(try await StubCalls(harness.stub, key: nil).send("/v1beta/batches", method: "GET").status == 403)

        let oldest = try #require(harness.stub.batches.first?.name)
        #expect(try await calls.send("/v1beta/\(oldest)", method: "DELETE").status == 200)
        let people = try await StubCalls(harness.stub, key: nil).send("/_stub/batches", method: "GET")
        #expect(((try? JSONSerialization.jsonObject(with: people.body)) as? [[String: Any]])?.count == 11)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
