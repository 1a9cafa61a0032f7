import AssetManifest
import AssetProviders
import AssetSupport

/// Maps provider names to implementations.
package enum ProviderRegistry {
    package static let defaultProvider = "gemini"
    package static let names = ["gemini", "placeholder"]

    static func make(
        _ name: String, project: ResolvedProject, options: ProjectOptions, environment: [String: String],
        uploads: (any UploadStore)?, clock: any WallClock
    ) throws -> any ImageProvider {
        switch name {
        case "placeholder":
            return PlaceholderProvider()
        case "gemini":
            var settings = try GeminiSettings.resolve(
                api: project.api, baseURLOverride: options.baseURL, environment: environment)
            settings.requestsPerMinute = options.requestsPerMinute
            if let timeout = options.requestTimeout { settings.requestTimeout = timeout }
            if let attempts = options.maxAttempts { settings.retry.maxAttempts = attempts }
            return GeminiProvider(settings: settings, uploads: uploads ?? MemoryUploadStore(), clock: clock)
        default:
            throw unknown(name)
        }
    }

    /// Fails for a name that is not a provider, before any file is opened.
    static func check(_ name: String) throws {
        guard names.contains(name) else { throw unknown(name) }
    }

    static func unknown(_ name: String) -> UserFacingError {
        UserFacingError("unknown provider '\(name)'", fix: Suggestion.hint(for: name, in: names))
    }
}
