import AssetManifest
import AssetSupport
import Foundation

/// A loopback stand-in for the Gemini API, strict and messy like the real one: it checks keys, models and
/// config, answers with real PNGs at each model's exact sizes (with thought parts for thinking models),
/// plays scripted faults, and records every request.
public final class GeminiStub: @unchecked Sendable {
    public struct Options: Sendable {
        /// The only key accepted.
        public var apiKey: String
        /// Added to every answer.
        public var latency: TimeInterval
        /// Noisy pixels that barely compress, so 4K answers have realistic sizes.
        public var noisyImages = false

        public init(apiKey: String = "stub-key", latency: TimeInterval = 0) {
            self.apiKey = apiKey
            self.latency = latency
        }
    }

    public let options: Options
    private let lock = NSLock()
    private var faults: [ScriptedFault] = []
    private var recorded: [RecordedRequest] = []
    private var server: HTTPServer?
    /// Called for each request after it is answered (the executable logs it).
    public var onRequest: (@Sendable (RecordedRequest) -> Void)?

    public init(options: Options = Options()) { self.options = options }

    /// Starts on `port` (0: ephemeral) and returns the base URL, e.g. `http://127.0.0.1:41234`.
    @discardableResult
    public func start(port: Int = 0) throws -> URL {
        let server = HTTPServer { [weak self] request, connection in self?.handle(request, connection) }
        try server.start(port: port)
        self.server = server
        return URL(string: "http://127.0.0.1:\(server.port)")!
    }

    public func stop() { server?.stop() }

    /// Makes the next `times` matching requests meet `fault`.
    public func script(_ fault: StubFault, times: Int = 1, matching: String? = nil) {
        lock.withLock { faults.append(ScriptedFault(fault: fault, remaining: times, matching: matching)) }
    }

    /// Every request so far, in arrival order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// Generation requests only.
    public var generateRequests: [RecordedRequest] { requests.filter { $0.path.hasSuffix(":generateContent") } }

    func takeFault(prompt: String?) -> StubFault? {
        lock.withLock {
            guard let index = faults.firstIndex(where: { $0.remaining > 0 && ($0.matching == nil || (prompt ?? "").contains($0.matching!)) }) else { return nil }
            faults[index].remaining -= 1
            return faults[index].fault
        }
    }

    func handle(_ request: ServerRequest, _ connection: ServerConnection) {
        var record = RecordedRequest(method: request.method, path: request.path, headers: request.headers, queryKey: request.query["key"], body: request.body,
                                     model: nil, prompt: nil, status: 0, fault: nil, receivedAt: Date(), delivered: false, imageSHA256: nil,
                                     bodySHA256: SHA256.hash(request.body).hex)
        let (status, headers, body, fault) = answer(request, record: &record)
        record.status = status
        record.fault = fault
        let index = lock.withLock { recorded.append(record); return recorded.count - 1 }
        if options.latency > 0 { Thread.sleep(forTimeInterval: options.latency) }
        var delivered = false
        switch fault {
        case .dropConnection?:
            connection.close()
        case .truncatedBody?:
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            connection.write(Data(head.utf8) + body.prefix(body.count / 2))
            connection.close()
        default:
            delivered = connection.respond(status: status, headers: headers, body: body)
        }
        record.delivered = delivered
        lock.withLock { recorded[index].delivered = delivered }
        onRequest?(record)
    }

    typealias Answer = (Int, [String: String], Data, StubFault?)

    func json(_ status: Int, _ message: String, details: [[String: Any]] = []) -> Answer {
        (status, ["Content-Type": "application/json; charset=UTF-8"], StubResponses.errorEnvelope(status, StubResponses.statusName(status), message, details: details), nil)
    }

    func answer(_ request: ServerRequest, record: inout RecordedRequest) -> Answer {
        let pattern = #"^/(v1|v1beta|v1alpha)/models/([^/:]+):generateContent$"#
        guard request.method == "POST", let match = request.path.range(of: pattern, options: .regularExpression) else {
            if request.method == "GET", request.path == "/_stub/requests" { return requestLog() }
            return json(404, "Requested entity was not found.")
        }
        let segments = request.path[match].split(separator: "/")
        let version = String(segments[0])
        let model = String(segments[2].dropLast(":generateContent".count))
        record.model = model
        let key = request.headers["x-goog-api-key"] ?? request.query["key"]
        guard let key, !key.isEmpty else {
            return json(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.")
        }
        guard key == options.apiKey else {
            return json(400, "API key not valid. Please pass a valid API key.",
                        details: [["@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com"]])
        }
        guard let raw = try? JSONSerialization.jsonObject(with: request.body), let body = StubValidation.camelCased(raw) as? [String: Any] else {
            return json(400, "Invalid JSON payload received. Unexpected token.")
        }
        let prompt = StubValidation.prompt(body)
        record.prompt = prompt
        let fault = takeFault(prompt: prompt)
        if fault == .echoKey { return (400, ["Content-Type": "text/plain"], Data("Bad request from key \(key): rejected by proxy".utf8), fault) }
        if let fault, let answer = faultAnswer(fault) { return answer }
        guard case .known(let row) = ModelCatalog.lookup(model) else {
            return json(404, "models/\(model) is not found for API version \(version), or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.")
        }
        switch StubValidation.check(body, model: row) {
        case .failure(let message): return json(400, message)
        case .success(let checked):
            var answer = success(body: body, model: row, checked: checked, fault: fault, record: &record)
            answer.3 = fault
            return answer
        }
    }

    func faultAnswer(_ fault: StubFault) -> Answer? {
        switch fault {
        case .rateLimited(let delay):
            return json(429, "You exceeded your current quota, please check your plan and billing details.",
                        details: [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay]])
        case .retryAfter(let status, let seconds):
            var answer = json(status, status == 503 ? "The model is overloaded. Please try again later." : "Try again later.")
            answer.1["Retry-After"] = String(seconds)
            return answer
        case .status(let code):
            return json(code, code == 503 ? "The model is overloaded. Please try again later." : "An internal error has occurred.")
        case .htmlBody(let code):
            return (code, ["Content-Type": "text/html"], StubResponses.htmlPage(code), fault)
        case .delay(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return nil
        case .blockPrompt(let reason):
            return (200, ["Content-Type": "application/json"], try! JSONSerialization.data(withJSONObject: [
                "promptFeedback": ["blockReason": reason], "usageMetadata": ["promptTokenCount": 12, "totalTokenCount": 12], "modelVersion": "stub",
            ]), fault)
        case .finishReason(let reason):
            return (200, ["Content-Type": "application/json"], try! JSONSerialization.data(withJSONObject: [
                "candidates": [["content": ["role": "model", "parts": [["text": "I can't make that image."]]], "finishReason": reason, "index": 0]],
            ]), fault)
        case .noImage:
            return (200, ["Content-Type": "application/json"], try! JSONSerialization.data(withJSONObject: [
                "candidates": [["content": ["role": "model", "parts": [["text": "Here is a description instead of a picture."]]], "finishReason": "STOP", "index": 0]],
            ]), fault)
        default:
            return nil  // applied to an otherwise normal answer
        }
    }

    func success(body: [String: Any], model: ImageModel, checked: StubValidation.Checked, fault: StubFault?, record: inout RecordedRequest) -> Answer {
        let seed = SHA256.hash((try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data())
        var image = options.noisyImages ? StubResponses.noisyPNG(size: checked.size, seed: seed) : StubResponses.png(size: checked.size, seed: seed)
        var mime = "image/png"
        if fault == .jpeg { image = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9]); mime = "image/jpeg" }
        if fault == .nonImageBytes { image = Data("this is not an image".utf8) }
        record.imageSHA256 = SHA256.hash(image).hex
        let thinking = model.id == "gemini-3-pro-image" || checked.thinkingLevel == "HIGH"
        let answer = StubResponses.success(model: model, imageSize: checked.imageSize, image: image, mime: mime, thinking: thinking,
                                           promptTokens: checked.promptTokens, seed: seed)
        var data = try! JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])
        if fault == .badBase64 {
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: image.base64EncodedString(), with: "!!not*base64!!")
            data = Data(text.utf8)
        }
        return (200, ["Content-Type": "application/json; charset=UTF-8"], data, nil)
    }

    func requestLog() -> Answer {
        let items: [[String: Any]] = requests.map { ["path": $0.path, "model": $0.model ?? "", "prompt": $0.prompt ?? "", "status": $0.status] }
        return (200, ["Content-Type": "application/json"], try! JSONSerialization.data(withJSONObject: items, options: [.sortedKeys]), nil)
    }
}
