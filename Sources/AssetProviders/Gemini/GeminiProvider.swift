import AssetManifest
import AssetSupport
import Foundation

/// The Gemini image API client: `POST {base}/{version}/models/{model}:generateContent`, with retries,
/// pacing, File API uploads for large references, block handling and cost from usage.
package struct GeminiProvider: ImageProvider {
    package let id = "gemini"
    package let isPlaceholder = false
    package let isFree = false
    package let settings: GeminiSettings
    let transport: any HTTPTransport
    let limiter: RateLimiter
    let uploads: any UploadStore
    let clock: any WallClock
    let sleep: @Sendable (TimeInterval) async -> Void
    let pendingUploads = PendingUploads()

    package init(
        settings: GeminiSettings, transport: (any HTTPTransport)? = nil, uploads: any UploadStore = MemoryUploadStore(),
        clock: any WallClock = SystemClock(),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = {
            try? await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000))
        }
    ) {
        self.settings = settings
        self.transport =
            transport
            ?? HTTPTransports.standard(
                idleTimeout: settings.connectTimeout, requestTimeout: 3 * GenerationTimeouts.fallback)
        self.limiter = RateLimiter(perMinute: settings.requestsPerMinute, clock: clock)
        self.uploads = uploads
        self.clock = clock
        self.sleep = sleep
    }

    package func preflight() throws {
        guard settings.apiKey != nil else {
            throw ProviderError(
                .auth, "no Gemini API key: \(settings.keyVariable) is not set",
                fix:
                    "export GEMINI_API_KEY=… (or GOOGLE_API_KEY, or name your variable with 'api.key_env'), or use --provider placeholder for offline stand-ins"
            )
        }
    }

    /// The `generateContent` body for a request: references inline, the largest uploaded through the File API
    /// while the body is over the inline limit. Live uploads in `uploaded` are reused; new ones are added and counted.
    /// - Parameter lifetime: how long uploads must still live (`batchUploadLifetime` for a Batch API line).
    package func body(
        for request: GenerationRequest, uploaded: inout [Int: UploadedFile], filesUploaded: inout Int,
        lifetime: TimeInterval = 3600
    ) async throws -> Data {
        let inline = try GeminiRequestBody.encode(
            GeminiRequestBody.make(
                prompt: request.prompt, config: request.config, references: request.references, model: request.model,
                history: request.history))
        let toUpload = GeminiRequestBody.referencesToUpload(
            request.references, baseSize: inline.count, limit: settings.inlineLimitBytes)
        guard !toUpload.isEmpty else { return inline }
        for index in toUpload where uploaded[index] == nil {
            let (file, fresh) = try await upload(
                request.references[index], assetID: request.assetID, lifetime: lifetime)
            uploaded[index] = file
            if fresh { filesUploaded += 1 }
        }
        return try GeminiRequestBody.encode(
            GeminiRequestBody.make(
                prompt: request.prompt, config: request.config, references: request.references, model: request.model,
                uploaded: uploaded, history: request.history))
    }

    package func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        try preflight()
        let model = request.config.model ?? ModelCatalog.defaultModelID
        var uploaded: [Int: UploadedFile] = [:]
        var filesUploaded = 0
        var reuploads = 0
        while true {
            let body = try await body(for: request, uploaded: &uploaded, filesUploaded: &filesUploaded)
            let http = HTTPRequest(
                url: settings.endpoint(model: model), headers: settings.headers, body: body,
                timeout: settings.answerTimeout(model: model, imageSize: request.config.imageSize))
            do {
                let (response, attempts, billed) = try await exchange(
                    http, model: model, row: request.model, authorizeBilledRetry: request.authorizeBilledRetry,
                    onRetry: request.onRetry)
                do {
                    var result = try GeminiResponse.parse(
                        response.body, model: request.model, imageSize: request.config.imageSize, attempts: attempts,
                        keepContent: request.keepsConversation)
                    result.possiblyBilledAttempts = billed
                    result.filesUploaded = filesUploaded
                    result.repriceForServingModel(requested: model, imageSize: request.config.imageSize)
                    return result
                } catch var error as ProviderError {
                    error.possiblyBilledAttempts = billed
                    throw redacted(error)
                }
            } catch let error as ProviderError where reuploads < uploaded.count && Self.isMissingFile(error) {
                // An upload expired or was deleted: upload the file the service names (all, if it names none) again
                // and try once more, at most once per uploaded file.
                let gone = Set(GeminiFiles.mentionedFiles(error.message))
                let named = uploaded.filter { gone.contains($0.value.name) }
                for (index, _) in named.isEmpty ? uploaded : named {
                    try uploads.forget(
                        SHA256.hash(request.references[index].data), at: GeminiFiles(settings: settings).endpoint)
                    uploaded[index] = nil
                }
                reuploads += 1
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
    func exchange(
        _ http: HTTPRequest, model: String, row: ImageModel? = nil, billable: Bool = true,
        authorizeBilledRetry: @Sendable () -> Bool = { true }, onRetry: (@Sendable (RetryNotice) -> Void)? = nil
    ) async throws -> (HTTPResponse, Int, Int) {
        let started = clock.now()
        var attempt = 0
        var billed = 0
        while true {
            attempt += 1
            await limiter.acquire()
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await sendFollowingDownloadRedirects(http))
            } catch let error as TransportError {
                outcome = .failure(error)
            }
            var hint: TimeInterval?
            var failure: ProviderError
            switch outcome {
            case .success(let response) where response.status == 200:
                return (response, attempt, billed)
            case .success(let response):
                failure = GeminiErrors.error(
                    for: response, settings: settings, model: model, row: row, attempts: attempt)
                failure.possiblyBilledAttempts = billed
                guard RetryPolicy.retryableStatuses.contains(response.status), !failure.dailyQuotaExhausted else {
                    throw redacted(failure)
                }
                hint =
                    GeminiErrors.envelope(response.body).retryDelay
                    ?? RetryPolicy.retryAfter(response.headers["retry-after"])
            case .failure(let error):
                if billable, error.mayHaveBeenProcessed { billed += 1 }
                let waited = http.timeout.map { " (waited \(Int($0)) s; raise it with --request-timeout)" } ?? ""
                let server = http.url.host.map { host in http.url.port.map { "\(host):\($0)" } ?? host } ?? "the server"
                failure = ProviderError(
                    .unavailable,
                    "\(error.kind == .timeout ? "timed out\(waited)" : "connection to \(server) failed"): \(error.message)",
                    fix: error.isRetryable
                        ? "check the network or the base URL; run again later" : "check the base URL", attempts: attempt
                )
                failure.possiblyBilledAttempts = billed
                guard error.isRetryable else { throw redacted(failure) }
                if billable, error.mayHaveBeenProcessed {
                    guard billed < settings.maxBilledAttempts, authorizeBilledRetry() else {
                        failure.message +=
                            " (not retried: \(billed) attempt\(billed == 1 ? "" : "s") may already be billed)"
                        throw redacted(failure)
                    }
                }
            }
            let wait = settings.retry.delay(after: attempt, hint: hint)
            let elapsed = clock.now().timeIntervalSince(started)
            guard attempt < settings.retry.maxAttempts, elapsed + wait <= settings.retry.maxTotal else {
                failure.message +=
                    " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s") in \(Int(elapsed)) s\(hint.map { "; the service asked to wait \(Int($0)) s" } ?? ""))"
                throw redacted(failure)
            }
            onRetry?(
                RetryNotice(reason: failure.message, attempt: attempt + 1, of: settings.retry.maxAttempts, delay: wait))
            await sleep(wait)
        }
    }

    /// A live upload of these bytes, or a new one. - Returns: the file, and true when it was uploaded now.
    /// - Parameter lifetime: how long the file must still live (an hour for a call; a day for a batch).
    func upload(_ reference: ReferenceImage, assetID: String, lifetime: TimeInterval = 3600) async throws -> (
        UploadedFile, Bool
    ) {
        let hash = SHA256.hash(reference.data)
        let endpoint = GeminiFiles(settings: settings).endpoint
        if let known = try uploads.upload(of: hash, at: endpoint),
            known.expiresAt > clock.now().addingTimeInterval(lifetime)
        {
            return (known, false)
        }
        let provider = self
        let work: @Sendable () async throws -> UploadedFile = {
            let file = try await provider.uploadBytes(
                reference.data, mimeType: reference.format.mimeType, displayName: "\(assetID)-\(hash.short)")
            try provider.uploads.save(file, of: hash, at: endpoint)
            return file
        }
        let (file, mine) = try await pendingUploads.share(endpoint + hash.hex, work)
        // Another call's upload, shared, must live long enough for this one too; else this one uploads anew.
        if mine || file.expiresAt > clock.now().addingTimeInterval(lifetime) { return (file, mine) }
        return (try await work(), true)
    }

    /// Uploads bytes through the resumable protocol: `start`, then `upload, finalize`.
    func uploadBytes(_ data: Data, mimeType: String, displayName: String) async throws -> UploadedFile {
        let files = GeminiFiles(settings: settings)
        var start = try files.startRequest(size: data.count, mimeType: mimeType, displayName: displayName)
        start.timeout = settings.connectTimeout
        let (started, _, _) = try await exchange(start, model: "files", billable: false)
        guard let location = started.headers["x-goog-upload-url"], let url = URL(string: location) else {
            throw redacted(
                ProviderError(
                    .malformed, "the File API answered without an upload URL (x-goog-upload-url)",
                    fix:
                        "check that the base URL points at the Gemini API (a proxy may not support uploads); or raise api.inline_limit_mb"
                ))
        }
        try GeminiFiles.checkUploadURL(url, against: settings.baseURL)
        var finalize = files.finalizeRequest(uploadURL: url, data: data)
        finalize.timeout = max(settings.connectTimeout, Double(data.count) / 1_000_000)
        let (done, _, _) = try await exchange(finalize, model: "files", billable: false)
        guard let file = GeminiFiles.parseFile(done.body, now: clock.now()) else {
            throw redacted(
                ProviderError(
                    .malformed, "the File API's answer has no file name and URI: \(GeminiErrors.excerpt(done.body))"))
        }
        return file
    }

    /// Removes the key from any text that came back from the network.
    func redacted(_ error: ProviderError) -> ProviderError {
        // Real keys are 39 characters; a very short test key would otherwise blank out ordinary words.
        guard let key = settings.apiKey, key.count >= 8 else { return error }
        var copy = error
        copy.message = copy.message.replacingOccurrences(of: key, with: "[redacted]")
        copy.fix = copy.fix?.replacingOccurrences(of: key, with: "[redacted]")
        return copy
    }
}
