import Foundation

/// One request of a batch: its key and metadata, and its body, or why its line could not be read.
struct BatchItem {
    var key: String?
    var metadata: [String: Any]?
    var body: Result<[String: Any], StubRefusal>
}

/// One request's result: a generateContent response, or a `google.rpc.Status`.
enum BatchOutcome {
    case response([String: Any])
    case error([String: Any])
}

/// A batch job as the stub holds it.
struct StubBatch {
    let id: String
    let model: String
    let displayName: String
    /// The JSONL input file (`files/…`), when the requests came in one.
    let inputFile: String?
    let items: [BatchItem]
    let script: BatchScript
    let createTime: Date
    var updateTime: Date
    var state = "BATCH_STATE_PENDING"
    var polls = 0
    var outcomes: [BatchOutcome] = []
    /// The results file (`files/batch-…`), for file input.
    var responsesFile: String?

    var name: String { "batches/\(id)" }
    var isDone: Bool { BatchEnding(rawValue: state) != nil }

    static let batchType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch"
    static let outputType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput"

    /// The counts as the service prints them: int64 as strings, zeros left out.
    var stats: [String: Any] {
        let failed = outcomes.filter { if case .error = $0 { true } else { false } }.count
        let counts = [
            ("requestCount", items.count), ("successfulRequestCount", outcomes.count - failed),
            ("failedRequestCount", failed),
            ("pendingRequestCount", isDone ? 0 : items.count),
        ]
        return Dictionary(uniqueKeysWithValues: counts.filter { $0.1 > 0 }.map { ($0.0, String($0.1)) })
    }

    /// `output`: inline responses in request order, or the results file's name.
    var output: [String: Any]? {
        guard state == BatchEnding.succeeded.rawValue else { return nil }
        if let responsesFile { return ["responsesFile": responsesFile] }
        let responses = zip(items, outcomes).map { item, outcome -> [String: Any] in
            var entry: [String: Any] = [:]
            switch outcome {
            case .response(let response): entry["response"] = response
            case .error(let error): entry["error"] = error
            }
            if let metadata = item.metadata { entry["metadata"] = metadata }
            return entry
        }
        return ["inlinedResponses": ["inlinedResponses": responses]]
    }

    /// The results file's JSONL: one `{"key", "response"|"error"}` line per request, in order.
    var responsesJSONL: Data {
        var data = Data()
        for (item, outcome) in zip(items, outcomes) {
            var line: [String: Any] = [:]
            if let key = item.key { line["key"] = key }
            switch outcome {
            case .response(let response): line["response"] = response
            case .error(let error): line["error"] = error
            }
            data.append(
                try! JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]))
            data.append(0x0A)
        }
        return data
    }

    /// The long-running operation `GET batches/{id}` answers. `done` is left out while false, as proto3 JSON does.
    var operation: [String: Any] {
        var metadata: [String: Any] = [
            "@type": Self.batchType, "name": name, "model": "models/\(model)", "displayName": displayName,
            "createTime": StubTime.format(createTime), "updateTime": StubTime.format(updateTime), "batchStats": stats,
            "state": state,
        ]
        if let inputFile { metadata["inputConfig"] = ["fileName": inputFile] }
        if isDone { metadata["endTime"] = StubTime.format(updateTime) }
        var operation: [String: Any] = ["name": name, "metadata": metadata]
        if let output {
            metadata["output"] = output
            operation["metadata"] = metadata
            operation["response"] = output.merging(["@type": Self.outputType]) { $1 }
        }
        if isDone { operation["done"] = true }
        if state == BatchEnding.failed.rawValue { operation["error"] = ["code": 13, "message": "The batch failed."] }
        return operation
    }

    /// A short line for people (`GET /_stub/batches`) and tests.
    var summary: StubBatchSummary {
        StubBatchSummary(
            name: name, model: model, displayName: displayName, state: state, requestCount: items.count,
            keys: items.map(\.key), polls: polls, inputFile: inputFile, responsesFile: responsesFile)
    }
}

/// What tests and people see of a batch the stub holds.
package struct StubBatchSummary: Sendable, Hashable {
    package let name: String
    package let model: String
    package let displayName: String
    package let state: String
    package let requestCount: Int
    /// Each request's key, in order (nil where a request had none).
    package let keys: [String?]
    package let polls: Int
    package let inputFile: String?
    package let responsesFile: String?

    var json: [String: Any] {
        var object: [String: Any] = [
            "name": name, "model": model, "displayName": displayName, "state": state, "requestCount": requestCount,
            "keys": keys.map { $0 ?? "" }, "polls": polls,
        ]
        if let inputFile { object["inputFile"] = inputFile }
        if let responsesFile { object["responsesFile"] = responsesFile }
        return object
    }
}
