import Foundation

extension GeminiStub {
    /// `POST /{version}/models/{model}:generateContent`, checked in the service's order: payload size, key, body, model.
    func generateContent(_ request: ServerRequest, version: String, modelID: String, record: inout RecordedRequest)
        -> StubAnswer
    {
        record.model = modelID
        if request.body.count > options.inlineLimitBytes {
            return .error(Self.payloadTooLarge(options.inlineLimitBytes))
        }
        if let refused = refuseKey(request) { return refused }
        let body: [String: Any]
        switch parse(request.body, as: "GenerateContentRequest") {
        case .failure(let refusal): return .error(refusal)
        case .success(let parsed): body = parsed
        }
        let prompt = StubValidation.prompt(body)
        record.prompt = prompt
        let fault = takeFault(prompt: prompt)
        if fault == .echoKey {
            let key = request.headers["x-goog-api-key"] ?? request.query["key"] ?? ""
            return StubAnswer(
                status: 400, headers: ["Content-Type": "text/plain"],
                body: Data("Bad request from key \(key): rejected by proxy".utf8), fault: fault)
        }
        if fault == .redirect {
            var other = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
            other.host = "localhost"
            return StubAnswer(
                status: 307, headers: ["Location": other.string! + request.path], body: Data(), fault: fault)
        }
        if let fault, let answer = faultError(fault) { return answer }
        if case .delay(let seconds)? = fault { Thread.sleep(forTimeInterval: seconds) }
        if StubJudge.models.contains(modelID) {
            switch judge(body, modelID: modelID) {
            case .failure(let refusal): return .error(refusal)
            case .success(let response): return .json(response, fault: fault)
            }
        }
        guard
            let model = StubModels.served(
                options.serveAs[modelID] ?? modelID, servesRetired: options.servesRetiredModels)
        else {
            return .error(Self.modelNotFound(modelID, version: version))
        }
        switch generate(body, model: model, fault: fault) {
        case .failure(let refusal):
            return .error(refusal)
        case .success(let generated):
            record.imageSHA256 = generated.imageSHA256
            record.imageSize = generated.imageSize
            record.responseID = generated.response["responseId"] as? String
            record.usage = (generated.response["usageMetadata"] as? [String: Any])?.compactMapValues { $0 as? Int }
            record.answer = try? JSONSerialization.data(withJSONObject: generated.response)
            return .json(generated.response, fault: fault)
        }
    }

    static func payloadTooLarge(_ limit: Int) -> StubRefusal {
        StubRefusal(400, "Request payload size exceeds the limit: \(limit) bytes.")
    }

    static func modelNotFound(_ id: String, version: String) -> StubRefusal {
        StubRefusal(
            404,
            "models/\(id) is not found for API version \(version), or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."
        )
    }
}
