import AssetManifest
import AssetSupport
import Foundation

/// The Gemini image API client: `POST {base}/{version}/models/{model}:generateContent`, with retries,
/// pacing, File API uploads for large references, block handling and cost from usage.
public struct GeminiProvider: ImageProvider {
    public let id = "gemini"
    public let isPlaceholder = false
    public let isFree = false
    public let settings: GeminiSettings
    let transport: HTTPTransport
    let limiter: RateLimiter
    let uploads: any UploadStore
    let clock: WallClock
    let sleep: @Sendable (TimeInterval) async -> Void

    public init(settings: GeminiSettings, transport: HTTPTransport? = nil, uploads: any UploadStore = MemoryUploadStore(), clock: WallClock = SystemClock(),
                sleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000)) }) {
        self.settings = settings
        self.transport = transport ?? URLSessionTransport(idleTimeout: settings.connectTimeout, requestTimeout: 3 * GenerationTimeouts.fallback)
        self.limiter = RateLimiter(perMinute: settings.requestsPerMinute)
        self.uploads = uploads
        self.clock = clock
        self.sleep = sleep
    }

    public func preflight() throws {
        guard settings.apiKey != nil else {
            throw UserFacingError("no Gemini API key: \(settings.keyVariable) is not set",
                                  fix: "export GEMINI_API_KEY=… (or GOOGLE_API_KEY, or name your variable with 'api.key_env'), or use --provider placeholder for offline stand-ins")
        }
    }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        try preflight()
        let model = request.config.model ?? ModelCatalog.defaultModelID
        let inline = try GeminiRequestBody.encode(GeminiRequestBody.make(prompt: request.prompt, config: request.config, references: request.references, model: request.model))
        let toUpload = GeminiRequestBody.referencesToUpload(request.references, baseSize: inline.count, limit: settings.inlineLimitBytes)
        var uploaded: [Int: UploadedFile] = [:]
        var filesUploaded = 0
        var reuploaded = false
        while true {
            for index in toUpload where uploaded[index] == nil {
                let (file, fresh) = try await upload(request.references[index], assetID: request.assetID)
                uploaded[index] = file
                if fresh { filesUploaded += 1 }
            }
            let body = toUpload.isEmpty ? inline : try GeminiRequestBody.encode(GeminiRequestBody.make(
                prompt: request.prompt, config: request.config, references: request.references, model: request.model, uploaded: uploaded))
            let http = HTTPRequest(url: settings.endpoint(model: model), headers: settings.headers, body: body,
                                   timeout: settings.answerTimeout(model: model, imageSize: request.config.imageSize))
            do {
                let (response, attempts, billed) = try await exchange(http, model: model, authorizeBilledRetry: request.authorizeBilledRetry)
                do {
                    var result = try GeminiResponse.parse(response.body, model: request.model, imageSize: request.config.imageSize, attempts: attempts)
                    result.possiblyBilledAttempts = billed
                    result.filesUploaded = filesUploaded
                    return result
                } catch var error as ProviderError {
                    error.possiblyBilledAttempts = billed
                    throw redacted(error)
                }
            } catch let error as ProviderError where !reuploaded && !uploaded.isEmpty && Self.isMissingFile(error) {
                // An upload expired or was deleted: upload those bytes again and try once more.
                let gone = Set(GeminiFiles.mentionedFiles(error.message))
                for (index, file) in uploaded where gone.isEmpty || gone.contains(file.name) {
                    try uploads.forget(SHA256.hash(request.references[index].data), at: GeminiFiles(settings: settings).endpoint)
                    uploaded[index] = nil
                }
                reuploaded = true
            }
        }
    }

    /// True for the service's answer to a `fileData` part whose file is gone (403, or 404/400 naming a file).
    static func isMissingFile(_ error: ProviderError) -> Bool {
        guard let status = error.httpStatus, [400, 403, 404].contains(status) else { return false }
        return error.message.contains("files/") || error.message.contains("File ")
    }

    /// Sends with retries until a 200, a non-retryable answer, or the attempts, time or billing allowance run out.
    /// - Returns: the 200 response, the attempts made, and how many of them may have been billed without an answer.
    func exchange(_ http: HTTPRequest, model: String, billable: Bool = true,
                  authorizeBilledRetry: @Sendable () -> Bool = { true }) async throws -> (HTTPResponse, Int, Int) {
        let started = clock.now()
        var attempt = 0
        var billed = 0
        while true {
            attempt += 1
            await limiter.acquire()
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await transport.send(http))
            } catch let error as TransportError {
                outcome = .failure(error)
            }
            var hint: TimeInterval?
            var failure: ProviderError
            switch outcome {
            case .success(let response) where response.status == 200:
                return (response, attempt, billed)
            case .success(let response):
                failure = GeminiErrors.error(for: response, settings: settings, model: model, attempts: attempt)
                failure.possiblyBilledAttempts = billed
                guard RetryPolicy.retryableStatuses.contains(response.status) else { throw redacted(failure) }
                hint = GeminiErrors.envelope(response.body).retryDelay ?? RetryPolicy.retryAfter(response.headers["retry-after"])
            case .failure(let error):
                if billable, error.mayHaveBeenProcessed { billed += 1 }
                let waited = http.timeout.map { " (waited \(Int($0)) s; raise it with --request-timeout)" } ?? ""
                failure = ProviderError(.unavailable, "\(error.kind == .timeout ? "timed out\(waited)" : "connection failed"): \(error.message)",
                                        fix: error.isRetryable ? "check the network or the base URL; run again later" : "check the base URL", attempts: attempt)
                failure.possiblyBilledAttempts = billed
                guard error.isRetryable else { throw redacted(failure) }
                if billable, error.mayHaveBeenProcessed {
                    guard billed < settings.maxBilledAttempts, authorizeBilledRetry() else {
                        failure.message += " (not retried: \(billed) attempt\(billed == 1 ? "" : "s") may already be billed)"
                        throw redacted(failure)
                    }
                }
            }
            let wait = settings.retry.delay(after: attempt, hint: hint)
            let elapsed = clock.now().timeIntervalSince(started)
            guard attempt < settings.retry.maxAttempts, elapsed + wait <= settings.retry.maxTotal else {
                failure.message += " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s") in \(Int(elapsed)) s\(hint.map { "; the service asked to wait \(Int($0)) s" } ?? ""))"
                throw redacted(failure)
            }
            await sleep(wait)
        }
    }

    /// A live upload of these bytes, or a new one. - Returns: the file, and true when it was uploaded now.
    func upload(_ reference: ReferenceImage, assetID: String) async throws -> (UploadedFile, Bool) {
        let files = GeminiFiles(settings: settings)
        let hash = SHA256.hash(reference.data)
        // An hour's margin: the file must outlive the request that names it.
        if let known = try uploads.upload(of: hash, at: files.endpoint), known.expiresAt > clock.now().addingTimeInterval(3600) {
            return (known, false)
        }
        var start = try files.startRequest(size: reference.data.count, mimeType: reference.format.mimeType, displayName: "\(assetID)-\(hash.short)")
        start.timeout = settings.connectTimeout
        let (started, _, _) = try await exchange(start, model: "files", billable: false)
        guard let location = started.headers["x-goog-upload-url"], let url = URL(string: location) else {
            throw redacted(ProviderError(.malformed, "the File API answered without an upload URL (x-goog-upload-url)",
                                         fix: "check that the base URL points at the Gemini API (a proxy may not support uploads); or raise api.inline_limit_mb"))
        }
        var finalize = files.finalizeRequest(uploadURL: url, data: reference.data)
        finalize.timeout = settings.connectTimeout
        let (done, _, _) = try await exchange(finalize, model: "files", billable: false)
        guard let file = GeminiFiles.parseFile(done.body, now: clock.now()) else {
            throw redacted(ProviderError(.malformed, "the File API's answer has no file name and URI: \(GeminiErrors.excerpt(done.body))"))
        }
        try uploads.save(file, of: hash, at: files.endpoint)
        return (file, true)
    }

    /// Removes the key from any text that came back from the network.
    func redacted(_ error: ProviderError) -> ProviderError {
        guard let key = settings.apiKey, !key.isEmpty else { return error }
        var copy = error
        copy.message = copy.message.replacingOccurrences(of: key, with: "[redacted]")
        copy.fix = copy.fix?.replacingOccurrences(of: key, with: "[redacted]")
        return copy
    }
}
