import AssetManifest
import AssetProviders
import AssetSupport

/// Maps provider names to implementations.
public enum ProviderRegistry {
    public static let defaultProvider = "gemini"
    public static let names = ["gemini", "placeholder"]

    static func make(_ name: String, project: ResolvedProject, environment: [String: String]) throws -> any ImageProvider {
        switch name {
        case "placeholder":
            return PlaceholderProvider()
        case "gemini":
            throw UserFacingError("the Gemini provider is not available in this build yet",
                                  fix: "use '--provider placeholder' (or 'provider: placeholder' in assets.yml) for offline stand-in images")
        default:
            throw UserFacingError("unknown provider '\(name)'", fix: Suggestion.hint(for: name, in: names))
        }
    }
}
