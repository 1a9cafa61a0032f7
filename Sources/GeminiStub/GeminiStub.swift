import AssetSupport
import Foundation

/// A loopback stand-in for the Gemini API, strict and messy like the real one: it checks keys, models, config
/// and every request field, answers with real images at each model's exact sizes (with thought parts for
/// thinking models), serves the File API and the Batch API, plays scripted faults, and records every request.
package final class GeminiStub: @unchecked Sendable {
    package let options: Options
    let lock = NSLock()
    private var faults: [ScriptedFault] = []
    /// The judge's scripted answers and what each answered image shows (StubJudge.swift).
    var judgeScripts: [JudgeScript] = []
    var drawings: [String: StubDrawing] = [:]
    private var recorded: [RecordedRequest] = []
    private var server: HTTPServer?
    /// `http://127.0.0.1:PORT` once started.
    package private(set) var baseURL = URL(string: "http://127.0.0.1")!
    let files: StubFileStore
    let batchStore: StubBatchStore
    /// Answers to lose after the request was carried out, by path suffix (`:batchGenerateContent`): see `loseAnswers`.
    let answersToLose = LockedValue<[String: Int]>([:])
    /// Requests being answered now, and the most at once so far.
    let concurrency = LockedValue((now: 0, most: 0))
    /// Called for each request after it is answered (the executable logs it).
    package var onRequest: (@Sendable (RecordedRequest) -> Void)?

    package init(options: Options = Options()) {
        self.options = options
        files = StubFileStore(ttl: options.fileTTL, clock: options.clock)
        batchStore = StubBatchStore(
            defaultScript: BatchScript(schedule: options.batchSchedule, failKeys: options.batchFailKeys),
            clock: options.clock)
        judgeScripts = options.judgeScripts
    }

    /// Starts on `port` (0: ephemeral) and returns the base URL, e.g. `http://127.0.0.1:41234`.
    @discardableResult
    package func start(port: Int = 0) throws -> URL {
        let server = HTTPServer { [weak self] request, connection in self?.handle(request, connection) }
        try server.start(port: port)
        self.server = server
        baseURL = URL(string: "http://127.0.0.1:\(server.port)")!
        return baseURL
    }

    /// Stops serving; answers still held at the gate are let go.
    package func stop() {
        options.gate?.open()
        server?.stop()
    }

    /// Makes the next `times` matching requests meet `fault`.
    package func script(_ fault: StubFault, times: Int = 1, matching: String? = nil) {
        lock.withLock { faults.append(ScriptedFault(fault: fault, remaining: times, matching: matching)) }
    }

    /// Every request so far, in arrival order.
    package var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// Synchronous generation requests only.
    package var generateRequests: [RecordedRequest] { requests.filter { $0.path.hasSuffix(":generateContent") } }

    /// Every finished upload, in order: count them per `sha256` to see what was uploaded twice.
    package var uploads: [StubUpload] { requests.compactMap(\.upload) }

    /// Every file expires now: using one answers 403, as the real service does after 48 hours.
    package func expireAllFiles() { files.expire() }

    /// One file (`files/abc` or `abc`) expires now.
    package func expireFile(_ name: String) { files.expire([String(name.split(separator: "/").last ?? "")]) }

    /// The next scripted fault for a request with this prompt, if any; `where` limits which faults may apply.
    func takeFault(prompt: String?, where allowed: (StubFault) -> Bool = { _ in true }) -> StubFault? {
        lock.withLock {
            guard
                let index = faults.firstIndex(where: {
                    $0.remaining > 0 && allowed($0.fault)
                        && ($0.matching == nil || (prompt ?? "").contains($0.matching!))
                })
            else { return nil }
            faults[index].remaining -= 1
            return faults[index].fault
        }
    }

    func handle(_ request: ServerRequest, _ connection: ServerConnection) {
        var record = RecordedRequest(request)
        let answer = route(request, record: &record)
        record.status = answer.status
        record.fault = takeLostAnswer(record.path) ?? answer.fault
        let wait =
            options.latency
            + (record.path.hasSuffix(":generateContent")
                ? options.latency(model: record.model, imageSize: record.imageSize) : 0)
        record.latency = wait
        let index = lock.withLock {
            recorded.append(record)
            return recorded.count - 1
        }
        concurrency.withValue {
            $0.now += 1
            $0.most = max($0.most, $0.now)
        }
        defer { concurrency.withValue { $0.now -= 1 } }
        options.gate?.pass(record)
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        var delivered = false
        switch record.fault {
        case .dropConnection?:
            connection.close()
        case .truncatedBody?:
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(answer.body.count)\r\nConnection: close\r\n\r\n"
            connection.write(Data(head.utf8) + answer.body.prefix(answer.body.count / 2))
            connection.close()
        default:
            delivered = connection.respond(status: answer.status, headers: answer.headers, body: answer.body)
        }
        record.delivered = delivered
        lock.withLock { recorded[index].delivered = delivered }
        onRequest?(record)
    }

    /// The key check every API route makes: none is a 403, a wrong one a 400 `API_KEY_INVALID`; nil when it passes.
    func refuseKey(_ request: ServerRequest) -> StubAnswer? {
        let key = request.headers["x-goog-api-key"] ?? request.query["key"]
        guard let key, !key.isEmpty else {
            return .error(
                403,
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
            )
        }
        guard key == options.apiKey else {
            return .error(
                400, "API key not valid. Please pass a valid API key.",
                details: [
                    [
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                        "domain": "googleapis.com",
                    ]
                ])
        }
        return nil
    }

    /// A JSON body checked against a schema message; refusals are the service's 400s.
    func parse(_ body: Data, as message: String) -> Result<[String: Any], StubRefusal> {
        guard let raw = try? JSONSerialization.jsonObject(with: body) else {
            return .failure(StubRefusal(400, "Invalid JSON payload received. Unexpected token."))
        }
        return StubSchema.normalize(raw, as: message).mapError { StubRefusal(400, $0.message, details: $0.details) }
    }

    func requestLog() -> StubAnswer {
        .json(
            requests.map {
                ["path": $0.path, "model": $0.model ?? "", "prompt": $0.prompt ?? "", "status": $0.status]
                    as [String: Any]
            })
    }
}
