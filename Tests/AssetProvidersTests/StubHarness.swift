import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport

/// A stub on an ephemeral loopback port and a real Gemini client pointed at it.
struct StubHarness {
    static let key = "test-key-\(UUID().uuidString)"
    let stub: GeminiStub
    let provider: GeminiProvider
    let baseURL: URL

    init(
        latency: TimeInterval = 0, maxAttempts: Int = 4, requestTimeout: TimeInterval = 30,
        key: String? = StubHarness.key,
        configure: (inout GeminiStub.Options) -> Void = { _ in }
    ) throws {
        var options = GeminiStub.Options(apiKey: Self.key, latency: latency)
        configure(&options)
        stub = GeminiStub(options: options)
        baseURL = try stub.start()
        var settings = try GeminiSettings.resolve(
            api: APISettings(), baseURLOverride: baseURL.absoluteString,
            environment: key.map { ["GEMINI_API_KEY": $0] } ?? [:])
        // A generous total budget: other suites that block the test pool with child processes can delay a continuation.
        settings.retry = RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 600)
        settings.requestTimeout = requestTimeout
        settings.connectTimeout = requestTimeout
        settings.inlineLimitBytes = options.inlineLimitBytes
        provider = GeminiProvider(settings: settings)
    }

    static func request(
        model: String = "gemini-3.1-flash-image", ratio: String = "1:1", size: String? = "512",
        prompt: String = "A fox",
        references: [ReferenceImage] = [], configure: (inout GenerationConfig) -> Void = { _ in }
    ) -> GenerationRequest {
        var config = GenerationConfig()
        config.model = model
        config.aspectRatio = ratio
        config.imageSize = size
        configure(&config)
        let row = ModelCatalog.models.first { $0.id == model }
        return GenerationRequest(
            assetID: "fox", fingerprint: SHA256.hash(prompt), prompt: prompt, config: config, model: row,
            pixelSize: row?.pixelSize(aspectRatio: ratio, imageSize: size), references: references)
    }

    /// Runs a request expecting a ProviderError.
    func failure(_ request: GenerationRequest) async -> ProviderError? {
        do {
            _ = try await provider.generate(request)
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            return ProviderError(.malformed, "unexpected \(error)")
        }
    }
}
