import AssetManifest
import Foundation
import Testing

@testable import AssetProviders

/// Where requests go and which key they carry, from the options, the environment and the manifest.
@Suite struct GeminiSettingsTests {
    func resolve(_ base: String?, environment: [String: String] = [:]) throws -> GeminiSettings {
        try GeminiSettings.resolve(api: .init(), baseURLOverride: base, environment: environment)
    }

    @Test func aBaseURLThatAlreadyEndsInTheVersionIsRefusedWithTheURLToUse() throws {
        for base in ["https://generativelanguage.googleapis.com/v1beta", "http://127.0.0.1:8080/v1beta/"] {
            do {
                _ = try resolve(base)
                Issue.record("\(base) was accepted; every request would go to /v1beta/v1beta/…")
            } catch let error as ProviderError {
                #expect(error.message.contains("already ends in an API version ('/v1beta')"))
                #expect(
                    error.fix?.hasPrefix(
                        "drop it: --base-url \(base.hasPrefix("https") ? "https://generativelanguage.googleapis.com" : "http://127.0.0.1:8080") ("
                    ) == true, "\(error.fix ?? "")")
            }
        }
        let proxied = try resolve("https://proxy.example.com/gemini")
        #expect(
            proxied.endpoint(model: "m").absoluteString.hasPrefix("https://proxy.example.com/gemini/v1beta/models/m"))
    }

    @Test func aKeyPastedWithANewlineIsTheSameKey() throws {
        let settings = try resolve(nil, environment: ["GEMINI_API_KEY": "  abc123\n"])
        #expect(settings.apiKey == "abc123" && settings.keyVariable == "GEMINI_API_KEY")
        let blank = try resolve(nil, environment: ["GEMINI_API_KEY": " \n", "GOOGLE_API_KEY": "xyz"])
        #expect(blank.apiKey == "xyz" && blank.keyVariable == "GOOGLE_API_KEY", "a blank variable is no key")
    }
}
