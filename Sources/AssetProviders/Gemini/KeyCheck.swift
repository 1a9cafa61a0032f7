import Foundation

extension GeminiProvider {
    /// A free `models.get` for `model`, made once before a run's first paid call: a key that is invalid or lacks
    /// permission is refused here, so a run with a wrong key makes no paid call at all, whatever `--jobs`.
    /// Any other outcome (the model unknown, the service busy, no connection) says nothing against the key:
    /// nil, and the calls go on as they would have. One attempt, never retried.
    package func keyRefusal(model: String) async -> ProviderError? {
        guard settings.apiKey != nil else { return nil }
        let url = settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent("models")
            .appendingPathComponent(model)
        let request = HTTPRequest(url: url, method: "GET", headers: settings.headers, timeout: settings.connectTimeout)
        guard let response = try? await transport.send(request), response.status != 200 else { return nil }
        let error = GeminiErrors.error(for: response, settings: settings, model: model, row: nil, attempts: 1)
        return error.kind == .auth ? redacted(error) : nil
    }
}
