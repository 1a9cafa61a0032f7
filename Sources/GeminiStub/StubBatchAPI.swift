import Foundation

/// The Batch API's routes: create (inline or JSONL file input), get, list, cancel, delete.
extension GeminiStub {
    /// `POST /v1beta/models/{model}:batchGenerateContent`. Inline requests are parsed with the body, so an unknown
    /// field anywhere refuses the whole batch; lines of a JSONL file are read one by one and fail alone.
    func createBatch(_ request: ServerRequest, modelID: String, record: inout RecordedRequest) -> StubAnswer {
        record.model = modelID
        if request.body.count > options.batchInlineLimitBytes {
            return .error(Self.payloadTooLarge(options.batchInlineLimitBytes))
        }
        if let refused = refuseKey(request) { return refused }
        let body: [String: Any]
        switch parse(request.body, as: "BatchGenerateContentRequest") {
        case .failure(let refusal): return .error(refusal)
        case .success(let parsed): body = parsed
        }
        guard StubModels.served(options.serveAs[modelID] ?? modelID, servesRetired: options.servesRetiredModels) != nil
        else {
            return .error(
                404,
                "models/\(modelID) is not found for API version v1beta, or is not supported for batchGenerateContent. Call ListModels to see the list of available models and their supported methods."
            )
        }
        let batch = (body["batch"] as? [String: Any]) ?? [:]
        guard let displayName = batch["displayName"] as? String, !displayName.isEmpty else {
            return .error(400, "* BatchGenerateContentRequest.batch.display_name: display_name is required")
        }
        let input = (batch["inputConfig"] as? [String: Any]) ?? [:]
        let items: [BatchItem]
        var inputFile: String?
        switch (input["requests"] as? [String: Any], input["fileName"] as? String) {
        case (let requests?, nil):
            items = ((requests["requests"] as? [[String: Any]]) ?? []).map(Self.inlineItem)
        case (nil, let fileName?):
            guard let id = StubFileStore.fileID(fromURI: fileName), let file = files.live(id) else {
                return .error(Self.noSuchFile(StubFileStore.fileID(fromURI: fileName) ?? fileName))
            }
            items = Self.fileItems(file.data)
            inputFile = file.name
        default:
            return .error(
                400,
                "* BatchGenerateContentRequest.batch.input_config: exactly one of requests and file_name must be set")
        }
        guard !items.isEmpty else {
            return .error(400, "* BatchGenerateContentRequest.batch.input_config: the batch has no requests")
        }
        let created = batchStore.create(model: modelID, displayName: displayName, inputFile: inputFile, items: items)
        record.batchName = created.name
        return .json(created.operation)
    }

    /// `GET /v1beta/batches/{id}`: one poll.
    func getBatch(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        guard let batch = batchStore.advance(id, countsAsPoll: true, draw: drawResults) else {
            return .error(404, "Requested entity was not found.")
        }
        return .json(batch.operation)
    }

    /// `GET /v1beta/batches?pageSize=&pageToken=`: newest first, 10 to a page unless asked (at most 1000).
    func listBatches(_ request: ServerRequest) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        return Self.page(batchStore.all(draw: drawResults).map(\.operation), as: "operations", request, size: 10)
    }

    /// `POST /v1beta/batches/{id}:cancel`.
    func cancelBatch(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        guard let current = batchStore.advance(id, countsAsPoll: false, draw: drawResults) else {
            return .error(404, "Requested entity was not found.")
        }
        guard !current.isDone else {
            return .error(
                400, "Batch \(current.name) is already in state \(current.state) and cannot be cancelled.",
                status: "FAILED_PRECONDITION")
        }
        batchStore.finish(id, as: .cancelled, draw: drawResults)
        return .json([String: Any]())
    }

    /// `DELETE /v1beta/batches/{id}`.
    func deleteBatch(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        return batchStore.remove(id) ? .json([String: Any]()) : .error(404, "Requested entity was not found.")
    }

    /// `GET /_stub/batches`: every batch in short, for people.
    func batchLog() -> StubAnswer { .json(batches.map(\.json)) }

    /// Draws every request's answer as a synchronous call would, and writes the results file for file input.
    func drawResults(_ batch: inout StubBatch) {
        let served = options.serveAs[batch.model] ?? batch.model
        let model = StubModels.all.first { $0.id == served }!
        batch.outcomes = batch.items.map { item in
            if let key = item.key, batch.script.failKeys.contains(key) {
                return .error(StubRefusal(500, "Internal error encountered.").rpcStatus)
            }
            switch item.body {
            case .failure(let refusal):
                return .error(refusal.rpcStatus)
            case .success(let body):
                let fault = takeFault(prompt: StubValidation.prompt(body), where: \.appliesToBatchLines)
                if let fault, let refusal = Self.faultRefusal(fault) { return .error(refusal.rpcStatus) }
                switch generate(body, model: model, fault: fault) {
                case .failure(let refusal): return .error(refusal.rpcStatus)
                case .success(let generated): return .response(generated.response)
                }
            }
        }
        if batch.inputFile != nil {
            batch.responsesFile =
                files.addGenerated(
                    batch.responsesJSONL, mimeType: "application/jsonl", displayName: "\(batch.name) responses"
                ).name
        }
    }

    /// One inline request: `{"request": {...}, "metadata": {"key": ...}}`.
    static func inlineItem(_ entry: [String: Any]) -> BatchItem {
        let metadata = entry["metadata"] as? [String: Any]
        let key = metadata?["key"] as? String
        guard let request = entry["request"] as? [String: Any] else {
            return BatchItem(
                key: key, metadata: metadata,
                body: .failure(StubRefusal(400, "* InlinedRequest.request: request is required")))
        }
        return BatchItem(key: key, metadata: metadata, body: .success(request))
    }

    /// The lines of a JSONL input file: `{"key": ..., "request": {...}}`; a line that does not parse is that request's error.
    static func fileItems(_ data: Data) -> [BatchItem] {
        data.split(separator: 0x0A).compactMap { line -> BatchItem? in
            guard !String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return nil
            }
            guard let raw = try? JSONSerialization.jsonObject(with: Data(line)) else {
                return BatchItem(
                    key: nil, metadata: nil,
                    body: .failure(StubRefusal(400, "Invalid JSON payload received. Unexpected token.")))
            }
            let key = (raw as? [String: Any])?["key"] as? String
            switch StubSchema.normalize(raw, as: "BatchFileLine") {
            case .failure(let violations):
                return BatchItem(
                    key: key, metadata: nil,
                    body: .failure(StubRefusal(400, violations.message, details: violations.details)))
            case .success(let parsed):
                guard let request = parsed["request"] as? [String: Any] else {
                    return BatchItem(
                        key: key, metadata: nil, body: .failure(StubRefusal(400, "* request: request is required")))
                }
                return BatchItem(key: key, metadata: nil, body: .success(request))
            }
        }
    }
}
