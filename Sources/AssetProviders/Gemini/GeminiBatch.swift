import AssetManifest
import AssetSupport
import Foundation

/// A Batch API job as the service reports it.
package struct BatchStatus: Sendable, Hashable {
    package var name: String
    package var displayName: String?
    package var state: String
    package var requestCount: Int?
    package var succeededCount: Int?
    package var failedCount: Int?
    /// The results file (`files/…`) of a file-input job, once it has succeeded.
    package var responsesFile: String?
    /// The raw operation, for inline results.
    var body: Data
}

/// One answer of a finished batch job.
package struct BatchAnswer: Sendable {
    package var key: String
    package var result: Result<GenerationResult, ProviderError>
}

/// The Batch API: `models/{model}:batchGenerateContent`, `batches/{id}`, `batches` (list), `:cancel`, and
/// results inline or in a JSONL file downloaded from `download/{version}/{file}:download?alt=media`.
extension GeminiProvider {
    /// Requests sent inline while the job's total stays under this (the service's limit for inline batches).
    package static let batchInlineLimit = 20 * 1_048_576

    /// Submits one job of `generateContent` bodies keyed by asset; inline below 20 MB, else as an uploaded JSONL file.
    /// - Returns: the job's status and whether its input went as a file.
    package func submitBatch(model: String, displayName: String, requests: [(key: String, body: Data)]) async throws
        -> (
            BatchStatus, Bool
        )
    {
        try preflight()
        let total = requests.map { $0.body.count + $0.key.utf8.count + 64 }.reduce(0, +)
        var input = Data()
        let asFile = total > Self.batchInlineLimit
        if asFile {
            var lines = Data()
            for request in requests {
                lines.append(
                    Data("{\"key\":\(try jsonString(request.key)),\"request\":".utf8) + request.body + Data("}\n".utf8))
            }
            Trace.mark("batch JSONL built")
            let file = try await uploadBytes(lines, mimeType: "application/jsonl", displayName: "\(displayName).jsonl")
            Trace.mark("batch JSONL uploaded")
            input = Data("{\"fileName\":\(try jsonString(file.name))}".utf8)
        } else {
            input = Data("{\"requests\":{\"requests\":[".utf8)
            for (index, request) in requests.enumerated() {
                if index > 0 { input.append(Data(",".utf8)) }
                input.append(
                    Data("{\"request\":".utf8) + request.body
                        + Data(",\"metadata\":{\"key\":\(try jsonString(request.key))}}".utf8))
            }
            input.append(Data("]}}".utf8))
        }
        let body =
            Data("{\"batch\":{\"displayName\":\(try jsonString(displayName)),\"inputConfig\":".utf8) + input
            + Data("}}".utf8)
        let url = settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent("models")
            .appendingPathComponent("\(model):batchGenerateContent")
        let status = try await submitOnce(
            HTTPRequest(url: url, headers: settings.headers, body: body, timeout: 300), model: model,
            displayName: displayName)
        Trace.mark("batch created (service time)")
        return (status, asFile)
    }

    /// The job's current status.
    package func batchStatus(_ name: String) async throws -> BatchStatus {
        let url = settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent(name)
        let (response, _, _) = try await exchange(
            HTTPRequest(url: url, method: "GET", headers: settings.headers, timeout: settings.connectTimeout),
            model: "batches", billable: false)
        return try Self.status(response.body)
    }

    /// Finds a job by display name (a submit interrupted before its answer was recorded), newest first.
    package func findBatch(displayName: String) async throws -> BatchStatus? {
        var token: String?
        repeat {
            let root = try await listPage("batches", pageSize: 100, token: token).root ?? [:]
            let items = (root["operations"] as? [[String: Any]]) ?? (root["batches"] as? [[String: Any]]) ?? []
            for item in items {
                let status = try Self.status(JSONSerialization.data(withJSONObject: item))
                if status.displayName == displayName { return status }
            }
            token = Self.nextPageToken(root)
        } while token != nil
        return nil
    }

    /// Asks the service to cancel a job.
    package func cancelBatch(_ name: String) async throws {
        let url = settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent("\(name):cancel")
        _ = try await exchange(
            HTTPRequest(url: url, headers: settings.headers, body: Data("{}".utf8), timeout: settings.connectTimeout),
            model: "batches", billable: false)
    }

    /// The answers of a succeeded job, read like synchronous answers, at the batch price.
    /// - Parameter keys: the requests whose model content is kept (`GenerationResult.modelContent`): edit turns.
    package func batchAnswers(
        _ status: BatchStatus, model: ImageModel?, imageSizes: [String: String?], keepingContent keys: Set<String> = []
    ) async throws -> [BatchAnswer] {
        var items: [(String, [String: Any])] = []
        if let file = status.responsesFile {
            var components = URLComponents(
                url: settings.baseURL.appendingPathComponent("download").appendingPathComponent(settings.apiVersion)
                    .appendingPathComponent("\(file):download"), resolvingAgainstBaseURL: false)!
            components.queryItems = [URLQueryItem(name: "alt", value: "media")]
            let (response, _, _) = try await exchange(
                HTTPRequest(url: components.url!, method: "GET", headers: settings.headers, timeout: 600),
                model: "batches", billable: false)
            for line in response.body.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                    let key = object["key"] as? String
                else { continue }
                items.append((key, object))
            }
        } else {
            let output = Self.output(
                of: (try? JSONSerialization.jsonObject(with: status.body)) as? [String: Any] ?? [:])
            let inlined =
                ((output["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]]) ?? []
            for item in inlined {
                guard let key = (item["metadata"] as? [String: Any])?["key"] as? String else { continue }
                items.append((key, item))
            }
        }
        return items.map { key, item in
            if let error = item["error"] as? [String: Any] {
                let message = (error["message"] as? String) ?? "failed"
                let code = (error["code"] as? NSNumber)?.intValue
                return BatchAnswer(
                    key: key,
                    result: .failure(
                        redacted(
                            ProviderError(
                                .rejected, "the batch request failed\(code.map { " (\($0))" } ?? ""): \(message)",
                                fix: "run 'generate-assets generate' to make it synchronously, or --batch again",
                                httpStatus: code))))
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: item["response"] ?? [:])
                var result = try GeminiResponse.parse(
                    data, model: model, imageSize: imageSizes[key] ?? nil, attempts: 1, keepContent: keys.contains(key))
                // Another model answered (a retired id routed on): its price, as for a synchronous answer.
                if let model { result.repriceForServingModel(requested: model.id, imageSize: imageSizes[key] ?? nil) }
                result.costUSD = result.costUSD.map { $0 / 2 }
                return BatchAnswer(key: key, result: .success(result))
            } catch let error as ProviderError {
                return BatchAnswer(key: key, result: .failure(redacted(error)))
            } catch {
                return BatchAnswer(
                    key: key, result: .failure(ProviderError(.malformed, "unreadable batch answer: \(error)")))
            }
        }
    }

    /// Reads an operation (or a batch resource) into a status.
    static func status(_ body: Data) throws -> BatchStatus {
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw ProviderError(
                .malformed, "the Batch API answered with a body that is not JSON: \(GeminiErrors.excerpt(body))")
        }
        let metadata = (root["metadata"] as? [String: Any]) ?? root
        let done = (root["response"] as? [String: Any]) ?? metadata
        guard let name = (root["name"] as? String) ?? (metadata["name"] as? String) else {
            throw ProviderError(.malformed, "the Batch API's answer names no job: \(GeminiErrors.excerpt(body))")
        }
        let stats = (done["batchStats"] as? [String: Any]) ?? (metadata["batchStats"] as? [String: Any]) ?? [:]
        func count(_ key: String) -> Int? {
            (stats[key] as? String).flatMap(Int.init) ?? (stats[key] as? NSNumber)?.intValue
        }
        let output = output(of: root)
        return BatchStatus(
            name: name, displayName: (metadata["displayName"] as? String) ?? (done["displayName"] as? String),
            state: (done["state"] as? String) ?? (metadata["state"] as? String) ?? "BATCH_STATE_PENDING",
            requestCount: count("requestCount"), succeededCount: count("successfulRequestCount"),
            failedCount: count("failedRequestCount"),
            responsesFile: output["responsesFile"] as? String, body: body)
    }

    /// The job's results: the operation's `response` (a `GenerateContentBatchOutput`), or `metadata.output`.
    static func output(of operation: [String: Any]) -> [String: Any] {
        let response = (operation["response"] as? [String: Any]) ?? [:]
        if response["inlinedResponses"] != nil || response["responsesFile"] != nil { return response }
        for holder in [response, (operation["metadata"] as? [String: Any]) ?? [:], operation] {
            if let output = holder["output"] as? [String: Any] { return output }
        }
        return [:]
    }

    /// `text` as a JSON string literal, quotes included.
    func jsonString(_ text: String) throws -> String {
        String(
            decoding: try JSONSerialization.data(
                withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
