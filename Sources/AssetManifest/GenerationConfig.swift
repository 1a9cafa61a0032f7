import AssetSupport

/// Every setting that shapes a picture, as written in `defaults:` or an asset's `config:`.
/// A nil value means "not set here"; `overlaid(by:)` applies an asset's config over the defaults.
package struct GenerationConfig: Sendable, Hashable, Codable {
    package var model: String?
    package var aspectRatio: String?
    package var imageSize: String?
    package var seed: Int?
    package var temperature: Double?
    package var topP: Double?
    package var thinkingLevel: String?
    package var includeThoughts: Bool?
    package var systemInstruction: String?
    package var googleSearch: Bool?
    package var imageSearch: Bool?
    package var responseModalities: [String]?
    /// Harm category → threshold, e.g. `HARM_CATEGORY_HARASSMENT: BLOCK_ONLY_HIGH`.
    package var safetySettings: [String: String]?

    package init() {}

    /// The manifest's spelling of each key, in the order they are documented.
    package static let keys = [
        "model", "aspect_ratio", "image_size", "seed", "temperature", "top_p", "thinking_level", "include_thoughts",
        "system_instruction", "google_search", "image_search", "response_modalities", "safety_settings",
    ]

    /// True when no value is set.
    package var isEmpty: Bool {
        model == nil && aspectRatio == nil && imageSize == nil && seed == nil && temperature == nil && topP == nil
            && thinkingLevel == nil
            && includeThoughts == nil && systemInstruction == nil && googleSearch == nil && imageSearch == nil
            && responseModalities == nil
            && safetySettings == nil
    }

    /// Values from `other` win where set.
    package func overlaid(by other: GenerationConfig) -> GenerationConfig {
        if other.isEmpty { return self }  // most assets set nothing of their own
        var result = self
        result.model = other.model ?? model
        result.aspectRatio = other.aspectRatio ?? aspectRatio
        result.imageSize = other.imageSize ?? imageSize
        result.seed = other.seed ?? seed
        result.temperature = other.temperature ?? temperature
        result.topP = other.topP ?? topP
        result.thinkingLevel = other.thinkingLevel ?? thinkingLevel
        result.includeThoughts = other.includeThoughts ?? includeThoughts
        result.systemInstruction = other.systemInstruction ?? systemInstruction
        result.googleSearch = other.googleSearch ?? googleSearch
        result.imageSearch = other.imageSearch ?? imageSearch
        result.responseModalities = other.responseModalities ?? responseModalities
        result.safetySettings = other.safetySettings ?? safetySettings
        return result
    }

    /// Each set value as `(manifest key, canonical text)`, sorted by key; `model` and `system_instruction` excluded,
    /// since they have their own fields in a fingerprint. Doubles use the shortest round-trip form.
    package var canonicalValues: [(key: String, value: String)] {
        var values: [(String, String)] = []
        if let aspectRatio { values.append(("aspect_ratio", aspectRatio)) }
        if let googleSearch { values.append(("google_search", String(googleSearch))) }
        if let imageSearch { values.append(("image_search", String(imageSearch))) }
        if let imageSize { values.append(("image_size", imageSize)) }
        if let includeThoughts { values.append(("include_thoughts", String(includeThoughts))) }
        if let responseModalities { values.append(("response_modalities", responseModalities.joined(separator: ","))) }
        for (category, threshold) in (safetySettings ?? [:]).sorted(by: { $0.key < $1.key }) {
            values.append(("safety_settings.\(category)", threshold))
        }
        if let seed { values.append(("seed", String(seed))) }
        if let temperature { values.append(("temperature", String(temperature))) }
        if let thinkingLevel { values.append(("thinking_level", thinkingLevel)) }
        if let topP { values.append(("top_p", String(topP))) }
        return values.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }
    }
}

/// Where the Gemini API lives and which environment variable holds the key (never the key itself).
package struct APISettings: Sendable, Hashable, Codable {
    package var baseURL: String?
    package var version: String?
    package var keyEnvironmentVariable: String?
    /// Requests above this many megabytes send their largest references through the File API (default 20).
    package var inlineLimitMB: Double?

    package init(
        baseURL: String? = nil, version: String? = nil, keyEnvironmentVariable: String? = nil,
        inlineLimitMB: Double? = nil
    ) {
        self.baseURL = baseURL
        self.version = version
        self.keyEnvironmentVariable = keyEnvironmentVariable
        self.inlineLimitMB = inlineLimitMB
    }
}
