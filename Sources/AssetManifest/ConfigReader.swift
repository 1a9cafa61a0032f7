import AssetSupport

/// Reads a `defaults:` or `config:` block, checking each value's type (model-specific checks come later).
enum ConfigReader {
    static let modalities = ["TEXT", "IMAGE"]

    static func read(_ node: YAMLNode, key: @autoclosure () -> String, reader: YAMLReader) -> LocatedConfig {
        var config = LocatedConfig()
        for (name, keyNode, value) in reader.mapping(node, key: key()) ?? [] {
            func path() -> String { "\(key()).\(name)" }
            config.locations[name] = reader.location(value)
            var c = config.values
            switch name {
            case "model": c.model = reader.string(value, key: path())
            case "aspect_ratio": c.aspectRatio = reader.string(value, key: path())
            case "image_size": c.imageSize = reader.string(value, key: path())
            case "seed": c.seed = reader.int(value, key: path())
            case "temperature":
                c.temperature = reader.double(value, key: path())
                if let t = c.temperature, !(0...2).contains(t) {
                    reader.error(
                        "temperature \(t) is out of range", at: value, key: path(), fix: "use a value from 0.0 to 2.0")
                }
            case "top_p":
                c.topP = reader.double(value, key: path())
                if let p = c.topP, !(0...1).contains(p) {
                    reader.error(
                        "top_p \(p) is out of range", at: value, key: path(), fix: "use a value from 0.0 to 1.0")
                }
            case "thinking_level": c.thinkingLevel = reader.string(value, key: path())?.lowercased()
            case "include_thoughts": c.includeThoughts = reader.bool(value, key: path())
            case "system_instruction": c.systemInstruction = reader.string(value, key: path())
            case "google_search": c.googleSearch = reader.bool(value, key: path())
            case "image_search": c.imageSearch = reader.bool(value, key: path())
            case "response_modalities": c.responseModalities = readModalities(value, key: path(), reader: reader)
            case "safety_settings": c.safetySettings = readSafety(value, key: path(), reader: reader)
            case "variants", "frozen":
                reader.error(
                    "'\(name)' belongs to the asset, not under '\(key().split(separator: ".").last ?? "config"):'",
                    at: keyNode, key: path(),
                    fix:
                        "move it beside the asset's 'prompt:'; it does not change the picture, so it is not a config key"
                )
            default: reader.unknownKey(name, at: keyNode, key: key(), known: GenerationConfig.keys)
            }
            config.values = c
        }
        return config
    }

    static func readModalities(_ node: YAMLNode, key: String, reader: YAMLReader) -> [String]? {
        guard let values = reader.strings(node, key: key) else { return nil }
        let upper = values.map { $0.uppercased() }
        for value in upper where !modalities.contains(value) {
            reader.error(
                "unknown response modality '\(value)'", at: node, key: key, fix: "use IMAGE, or TEXT and IMAGE")
            return nil
        }
        if !upper.contains("IMAGE") {
            reader.error(
                "response_modalities must include IMAGE", at: node, key: key, fix: "write [TEXT, IMAGE] or [IMAGE]")
            return nil
        }
        return upper
    }

    static let harmCategories = [
        "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT",
        "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_CIVIC_INTEGRITY",
    ]
    static let thresholds = ["BLOCK_NONE", "BLOCK_ONLY_HIGH", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_LOW_AND_ABOVE", "OFF"]

    static func readSafety(_ node: YAMLNode, key: String, reader: YAMLReader) -> [String: String]? {
        var settings: [String: String] = [:]
        for (name, keyNode, value) in reader.mapping(node, key: key) ?? [] {
            let category =
                name.uppercased().hasPrefix("HARM_CATEGORY_") ? name.uppercased() : "HARM_CATEGORY_" + name.uppercased()
            guard harmCategories.contains(category) else {
                reader.error(
                    "unknown harm category '\(name)'", at: keyNode, key: "\(key).\(name)",
                    fix: Suggestion.hint(for: category, in: harmCategories))
                continue
            }
            guard let threshold = reader.string(value, key: "\(key).\(name)")?.uppercased() else { continue }
            guard thresholds.contains(threshold) else {
                reader.error(
                    "unknown threshold '\(threshold)'", at: value, key: "\(key).\(name)",
                    fix: Suggestion.hint(for: threshold, in: thresholds))
                continue
            }
            settings[category] = threshold
        }
        return settings
    }
}
