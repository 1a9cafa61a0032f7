import AssetManifest
import Foundation

/// Where and how the Gemini provider calls the service. The key is held here and nowhere else: it is
/// sent in the `x-goog-api-key` header only, and never printed, logged or stored.
package struct GeminiSettings: Sendable {
    package static let defaultBaseURL = "https://generativelanguage.googleapis.com"
    package static let defaultAPIVersion = "v1beta"
    /// Searched in this order unless the manifest names another with `api.key_env`.
    package static let keyVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"]

    package var baseURL: URL
    package var apiVersion: String
    package var apiKey: String?
    /// The variable the key came from (or should come from), for messages.
    package var keyVariable: String
    package var retry: RetryPolicy
    /// The wait for one answer; nil: by model and size (`GenerationTimeouts`).
    package var requestTimeout: TimeInterval?
    /// The wait for a connection and for File API calls.
    package var connectTimeout: TimeInterval = 60
    package var requestsPerMinute: Int
    /// A request above this many bytes sends its largest references through the File API.
    package var inlineLimitBytes: Int
    /// Attempts that may each be billed (the answer was lost after the request was sent) before giving up.
    package var maxBilledAttempts = 2

    package static let defaultInlineLimitMB = 20.0

    package init(
        baseURL: URL, apiVersion: String, apiKey: String?, keyVariable: String, retry: RetryPolicy = RetryPolicy(),
        requestTimeout: TimeInterval? = nil, requestsPerMinute: Int = 0,
        inlineLimitBytes: Int = Int(defaultInlineLimitMB * 1_048_576)
    ) {
        self.baseURL = baseURL
        self.apiVersion = apiVersion
        self.apiKey = apiKey
        self.keyVariable = keyVariable
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.requestsPerMinute = requestsPerMinute
        self.inlineLimitBytes = inlineLimitBytes
    }

    /// Headers of every call: the key goes here and nowhere else.
    var headers: [String: String] {
        ["content-type": "application/json", "x-goog-api-key": apiKey ?? "", "user-agent": "generate-assets"]
    }

    /// The wait for an answer from `model` at `imageSize`.
    func answerTimeout(model: String, imageSize: String?) -> TimeInterval {
        requestTimeout ?? GenerationTimeouts.answer(model: model, imageSize: imageSize)
    }

    /// Resolves settings: the base URL from `baseURLOverride` (--base-url), then `GEMINI_BASE_URL`, then the
    /// manifest's `api.base_url`; the key from `api.key_env` when set, else GEMINI_API_KEY, then GOOGLE_API_KEY.
    package static func resolve(api: APISettings, baseURLOverride: String?, environment: [String: String]) throws
        -> GeminiSettings
    {
        let base =
            baseURLOverride ?? environment["GEMINI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? api.baseURL
            ?? defaultBaseURL
        guard let url = URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base), let scheme = url.scheme,
            ["http", "https"].contains(scheme), url.host != nil
        else {
            throw ProviderError(
                .rejected, "the Gemini base URL '\(base)' is not an http(s) URL",
                fix: "pass e.g. --base-url https://generativelanguage.googleapis.com")
        }
        let version = api.version ?? defaultAPIVersion
        if let last = url.pathComponents.last, last == version || ["v1", "v1beta", "v1alpha"].contains(last) {
            let root = url.deletingLastPathComponent().absoluteString
            throw ProviderError(
                .rejected, "the Gemini base URL '\(base)' already ends in an API version ('/\(last)')",
                fix: "drop it: --base-url \(root.hasSuffix("/") ? String(root.dropLast()) : root) (the version, "
                    + "\(version), is added to every request; set another with api.version)")
        }
        let variables = api.keyEnvironmentVariable.map { [$0] } ?? keyVariables
        // A key pasted with a newline or spaces around it is the same key.
        let key = { (name: String) in environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let found = variables.first { !key($0).isEmpty }
        var retry = RetryPolicy()
        if let base = environment["GEMINI_RETRY_BASE_DELAY"].flatMap(Double.init) { retry.baseDelay = base }
        return GeminiSettings(
            baseURL: url, apiVersion: version, apiKey: found.map(key),
            keyVariable: found ?? variables.joined(separator: " or "), retry: retry,
            inlineLimitBytes: Int((api.inlineLimitMB ?? defaultInlineLimitMB) * 1_048_576))
    }

    func endpoint(model: String) -> URL {
        baseURL.appendingPathComponent(apiVersion).appendingPathComponent("models").appendingPathComponent(
            "\(model):generateContent")
    }
}
