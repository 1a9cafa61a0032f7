import AssetSupport
import Foundation

/// Reads `checks:`, `alt:` and `alt_max_chars:` of an asset, and the top-level `checks:` and `alt_text_file:`.
enum ImageChecksReader {
    static let checkKeys = ["text", "no_other_text", "expect", "attempts"]
    static let defaultsKeys = ["model"]

    /// Reads one of the asset keys this file owns into `asset`; false for any other key.
    static func readAssetKey(
        _ name: String, _ value: YAMLNode, key: String, into asset: inout AssetDeclaration, reader: YAMLReader
    ) -> Bool {
        switch name {
        case "checks": asset.checks = readChecks(value, key: "\(key).checks", reader: reader)
        case "alt": asset.alt = readAlt(value, key: "\(key).alt", reader: reader)
        case "alt_max_chars":
            guard let count = reader.int(value, key: "\(key).alt_max_chars") else { return true }
            guard (16...1000).contains(count) else {
                reader.error(
                    "alt_max_chars must be between 16 and 1000, not \(count)", at: value, key: "\(key).alt_max_chars",
                    fix: "write a limit such as 125 (the common advice for screen readers)")
                return true
            }
            asset.altMaxCharacters = count
        default: return false
        }
        return true
    }

    static func readChecks(_ node: YAMLNode, key: String, reader: YAMLReader) -> ImageChecks? {
        guard let pairs = reader.mapping(node, key: key) else { return nil }
        var checks = ImageChecks()
        for (name, keyNode, value) in pairs {
            let path = "\(key).\(name)"
            switch name {
            case "text": checks.text = reader.string(value, key: path)
            case "no_other_text": checks.noOtherText = reader.bool(value, key: path) ?? false
            case "expect":
                checks.expect = reader.strings(value, key: path) ?? []
            case "attempts":
                guard let count = reader.int(value, key: path) else { continue }
                guard (1...ImageChecks.maxAttempts).contains(count) else {
                    reader.error(
                        "attempts must be between 1 and \(ImageChecks.maxAttempts), not \(count)", at: value, key: path,
                        fix: "each attempt is a paid image; allow 2 to \(ImageChecks.maxAttempts), or 1 to judge only")
                    continue
                }
                checks.attempts = count
            default: reader.unknownKey(name, at: keyNode, key: key, known: checkKeys)
            }
        }
        if checks.isEmpty, pairs.contains(where: { $0.name == "attempts" }) {
            reader.error(
                "checks have attempts but nothing to check", at: node, key: key,
                fix: "add 'text:', 'no_other_text: true' or an 'expect:' list of yes/no questions")
        }
        return checks
    }

    static func readAlt(_ node: YAMLNode, key: String, reader: YAMLReader) -> AltTextSpec? {
        guard let text = reader.string(node, key: key) else { return nil }
        if text == "auto", case .scalar(let scalar) = node, scalar.style == .plain {
            return .auto(maxCharacters: AltTextSpec.defaultMaxCharacters)
        }
        return .literal(text)
    }

    /// Reads a top-level key this file owns into `manifest`; false for any other key.
    static func readTopLevel(_ name: String, _ value: YAMLNode, into manifest: inout Manifest, reader: YAMLReader)
        -> Bool
    {
        switch name {
        case "checks":
            guard let pairs = reader.mapping(value, key: "checks") else { return true }
            for (name, keyNode, inner) in pairs {
                guard name == "model" else {
                    reader.unknownKey(name, at: keyNode, key: "checks", known: defaultsKeys)
                    continue
                }
                guard let model = reader.string(inner, key: "checks.model") else { continue }
                guard JudgeModels.named(model) != nil else {
                    reader.error(
                        "unknown judge model '\(model)'", at: inner, key: "checks.model",
                        fix: Suggestion.hint(for: model, in: JudgeModels.all.map(\.id)))
                    continue
                }
                manifest.checks.model = model
            }
        case "alt_text_file":
            manifest.altTextFileLocation = reader.location(value)
            guard let path = reader.string(value, key: "alt_text_file") else { return true }
            guard path.hasSuffix(".json") else {
                reader.error(
                    "alt_text_file must be a .json file, not '\(path)'", at: value, key: "alt_text_file",
                    fix: "write a path such as 'Site/data/alt.json'")
                return true
            }
            manifest.altTextFile = path
        default: return false
        }
        return true
    }
}
