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
            let (page, body) = try await listPage("models", pageSize: 1000, token: token)
            guard let root = page else {
                throw redacted(
                    ProviderError(
                        .malformed, "the models list is not JSON: \(GeminiErrors.excerpt(body))",
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
            token = Self.nextPageToken(root)
            pages += 1
        } while token != nil && pages < 100
        return models
    }
}
