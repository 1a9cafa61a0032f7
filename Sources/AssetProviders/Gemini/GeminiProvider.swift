import AssetManifest
import AssetSupport
import Foundation

/// The Gemini image API client: `POST {base}/{version}/models/{model}:generateContent`, with retries,
/// pacing, block handling and cost from usage.
public struct GeminiProvider: ImageProvider {
    public let id = "gemini"
    public let isPlaceholder = false
    public let isFree = false
    public let settings: GeminiSettings
    let transport: HTTPTransport
    let limiter: RateLimiter
    let sleep: @Sendable (TimeInterval) async -> Void

    public init(settings: GeminiSettings, transport: HTTPTransport? = nil,
                sleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000)) }) {
        self.settings = settings
        self.transport = transport ?? URLSessionTransport(idleTimeout: settings.idleTimeout, requestTimeout: settings.requestTimeout)
        self.limiter = RateLimiter(perMinute: settings.requestsPerMinute)
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
        let body = try GeminiRequestBody.encode(GeminiRequestBody.make(prompt: request.prompt, config: request.config, references: request.references, model: request.model))
        let http = HTTPRequest(url: settings.endpoint(model: model), headers: [
            "content-type": "application/json", "x-goog-api-key": settings.apiKey ?? "", "user-agent": "generate-assets",
        ], body: body)
        let started = Date()
        var attempt = 0
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
                do {
                    return try GeminiResponse.parse(response.body, model: request.model, imageSize: request.config.imageSize, attempts: attempt)
                } catch let error as ProviderError {
                    throw redacted(error)
                }
            case .success(let response):
                failure = GeminiErrors.error(for: response, settings: settings, model: model, row: request.model, attempts: attempt)
                guard RetryPolicy.retryableStatuses.contains(response.status) else { throw redacted(failure) }
                hint = GeminiErrors.envelope(response.body).retryDelay ?? RetryPolicy.retryAfter(response.headers["retry-after"])
            case .failure(let error):
                failure = ProviderError(.unavailable, "\(error.kind == .timeout ? "timed out" : "connection failed"): \(error.message)",
                                        fix: error.isRetryable ? "check the network or the base URL; run again later" : "check the base URL", attempts: attempt)
                guard error.isRetryable else { throw redacted(failure) }
            }
            let wait = settings.retry.delay(after: attempt, hint: hint)
            let elapsed = Date().timeIntervalSince(started)
            guard attempt < settings.retry.maxAttempts, elapsed + wait <= settings.retry.maxTotal else {
                failure.message += " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s") in \(Int(elapsed)) s\(hint.map { "; the service asked to wait \(Int($0)) s" } ?? ""))"
                throw redacted(failure)
            }
            await sleep(wait)
        }
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
