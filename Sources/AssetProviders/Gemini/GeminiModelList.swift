import AssetSupport
import Foundation

/// One model as the service's `models.list` shows it.
package struct OfferedModel: Sendable, Hashable, Codable {
    /// The id, without the `models/` prefix of its resource name.
    package var id: String
    package var displayName: String?
    /// `generateContent`, `batchGenerateContent`, …
    package var methods: [String]

    enum CodingKeys: String, CodingKey {
        case id, methods
        case displayName = "display_name"
    }
}

extension GeminiProvider {
    /// Every model the service offers: `GET /{version}/models`, following `nextPageToken` to the last page.
    /// Listing is free. Failures are `ProviderError`s as for any call (a bad key is `.auth`).
    package func listModels() async throws -> [OfferedModel] {
        try preflight()
        var models: [OfferedModel] = []
        var token: String?
        var pages = 0
        repeat {
            var components = URLComponents(
                url: settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent("models"),
                resolvingAgainstBaseURL: false)!
            components.queryItems =
                [URLQueryItem(name: "pageSize", value: "1000")]
                + (token.map { [URLQueryItem(name: "pageToken", value: $0)] } ?? [])
            var request = HTTPRequest(url: components.url!, method: "GET", headers: settings.headers)
            request.timeout = settings.connectTimeout
            let (response, _, _) = try await exchange(request, model: "models", billable: false)
            guard let root = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
                throw redacted(
                    ProviderError(
                        .malformed, "the models list is not JSON: \(GeminiErrors.excerpt(response.body))",
                        fix: "check that the base URL points at the Gemini API"))
            }
            for entry in (root["models"] as? [[String: Any]]) ?? [] {
                guard let name = entry["name"] as? String else { continue }
                models.append(
                    OfferedModel(
                        id: name.hasPrefix("models/") ? String(name.dropFirst("models/".count)) : name,
                        displayName: entry["displayName"] as? String,
                        methods: (entry["supportedGenerationMethods"] as? [String]) ?? []))
            }
            token = (root["nextPageToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while token != nil && pages < 100
        return models
    }
}
