import AssetSupport
import Foundation
import Yams

/// Turns the bytes of `assets.yml` into a `Manifest`, collecting every syntax and type error with its location.
package enum ManifestParser {
    /// Larger manifests are refused before parsing: no real project needs 8 MiB of YAML.
    package static let maxBytes = 8 << 20
    static let topLevelKeys = [
        "version", "provider", "api", "git", "models", "defaults", "styles", "assets", "checks", "alt_text_file",
    ]
    static let assetKeys = [
        "id", "output", "prompt", "style", "references", "config", "variants", "frozen", "renditions", "scales",
        "point_size", "appearances", "edits", "checks", "alt", "alt_max_chars",
    ]
    static let apiKeys = ["base_url", "version", "key_env", "inline_limit_mb"]
    static let providers = ["gemini", "placeholder"]

    /// Parses a manifest; returns nil with diagnostics when it cannot be read at all.
    package static func parse(_ data: Data, displayPath: String) -> (manifest: Manifest?, diagnostics: [Diagnostic]) {
        // A UTF-8 byte order mark (Windows editors add one) is not part of the YAML: libyaml rejects it.
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
        let start = SourceLocation(file: displayPath, line: 1, column: 1)
        guard data.count <= maxBytes else {
            return (
                nil,
                [
                    .error(
                        "the manifest is \(data.count) bytes; the limit is \(maxBytes)", at: start, key: "(document)",
                        fix: "split the project or shorten the prompts")
                ]
            )
        }
        guard let text = String(validUTF8: data) else {
            var diagnostic = invalidUTF8(data, displayPath: displayPath)
            diagnostic.key = nearestKey(in: String(decoding: data, as: UTF8.self), line: diagnostic.location?.line ?? 1)
            return (nil, [diagnostic])
        }
        let root: YAMLNode?
        switch YAMLComposer.compose(text) {
        case .composed(let node):
            root = node
        case .askYams(let node):
            // Yams is the judge of every YAML error (and of keys that carry tags or are not scalars).
            do {
                _ = try Yams.compose(yaml: text, .basic)  // no implicit typing: every scalar is read as text
            } catch {
                var diagnostic = yamlError(error, displayPath: displayPath)
                if let line = diagnostic.location?.line, let fix = YAMLErrorHints.fix(forErrorAt: line, in: text) {
                    diagnostic.fix = fix
                }
                if diagnostic.key == nil { diagnostic.key = nearestKey(in: text, line: diagnostic.location?.line ?? 1) }
                return (nil, [diagnostic])
            }
            guard let node else {
                return (
                    nil,
                    [
                        .error(
                            "invalid YAML: libyaml stopped where Yams did not", at: start, key: "(document)",
                            fix:
                                "please report this manifest; meanwhile simplify the YAML around anchors, tags and keys"
                        )
                    ]
                )
            }
            root = node
        }
        guard let root else {
            return (
                nil,
                [
                    .error(
                        "the manifest is empty", at: start, key: "version",
                        fix: "run 'generate-assets init' for a commented starting point")
                ]
            )
        }
        let reader = YAMLReader(file: displayPath)
        let manifest = read(root, reader: reader, displayPath: displayPath)
        return (manifest, reader.diagnostics)
    }

    static func read(_ root: YAMLNode, reader: YAMLReader, displayPath: String) -> Manifest? {
        guard let pairs = reader.mapping(root, key: "") else { return nil }
        var manifest = Manifest(
            displayPath: displayPath, version: 0, provider: nil, providerLocation: nil, api: APISettings(),
            defaults: LocatedConfig(), styles: [:], styleLocations: [:], assets: []
        )
        var sawVersion = false
        var sawAssets = false
        for (name, keyNode, value) in pairs {
            switch name {
            case "version":
                sawVersion = true
                if let version = reader.int(value, key: name) {
                    manifest.version = version
                    if version != Manifest.currentVersion {
                        reader.error(
                            "unsupported schema version \(version)", at: value, key: name,
                            fix:
                                "this generate-assets reads version \(Manifest.currentVersion); write 'version: 1' or update the tool"
                        )
                    }
                }
            case "provider":
                manifest.providerLocation = reader.location(value)
                if let provider = reader.string(value, key: name) {
                    if providers.contains(provider) {
                        manifest.provider = provider
                    } else {
                        reader.error(
                            "unknown provider '\(provider)'", at: value, key: name,
                            fix: Suggestion.hint(for: provider, in: providers))
                    }
                }
            case "api": manifest.api = readAPI(value, reader: reader)
            case "git": manifest.git = readGit(value, reader: reader)
            case "models": manifest.models = ModelsReader.readAll(value, reader: reader)
            case "defaults": manifest.defaults = ConfigReader.read(value, key: "defaults", reader: reader)
            case "styles": readStyles(value, into: &manifest, reader: reader)
            case "assets":
                sawAssets = true
                manifest.assets = AssetReader.readAll(value, reader: reader)
            default:
                if ImageChecksReader.readTopLevel(name, value, into: &manifest, reader: reader) { continue }
                reader.unknownKey(name, at: keyNode, key: "", known: topLevelKeys)
            }
        }
        if !sawVersion {
            reader.error("missing 'version'", at: root, key: "version", fix: "add 'version: 1' as the first line")
        }
        if !sawAssets {
            reader.error(
                "missing 'assets'", at: root, key: "assets",
                fix: "add an 'assets:' list; run 'generate-assets init' for an example")
        }
        return manifest
    }

    static func readAPI(_ node: YAMLNode, reader: YAMLReader) -> APISettings {
        var api = APISettings()
        for (name, keyNode, value) in reader.mapping(node, key: "api") ?? [] {
            let key = "api.\(name)"
            switch name {
            case "base_url": api.baseURL = reader.string(value, key: key)
            case "version": api.version = reader.string(value, key: key)
            case "key_env": api.keyEnvironmentVariable = reader.string(value, key: key)
            case "inline_limit_mb":
                guard let limit = reader.double(value, key: key) else { break }
                if limit > 0, limit <= 2048 {
                    api.inlineLimitMB = limit
                } else {
                    reader.error(
                        "api.inline_limit_mb must be more than 0 and at most 2048, not \(limit)", at: value, key: key,
                        fix: "use 20 (the service's limit for one request) or the limit of your proxy")
                }
            case "key", "api_key":
                reader.error(
                    "the API key must not be written in the manifest", at: keyNode, key: key,
                    fix:
                        "remove it, revoke it if it was committed, and set GEMINI_API_KEY in the environment (or name another variable with 'api.key_env')"
                )
            default: reader.unknownKey(name, at: keyNode, key: "api", known: apiKeys)
            }
        }
        return api
    }

    static func readStyles(_ node: YAMLNode, into manifest: inout Manifest, reader: YAMLReader) {
        for (name, keyNode, value) in reader.mapping(node, key: "styles") ?? [] {
            if let text = reader.string(value, key: "styles.\(name)") {
                manifest.styles[name] = text
                manifest.styleLocations[name] = reader.location(keyNode)
            }
        }
    }

    /// For errors found before there is a tree: the key written on that line or the closest one above it.
    static func nearestKey(in text: String, line: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = min(max(line - 1, 0), max(lines.count - 1, 0))
        while index >= 0, index < lines.count {
            let trimmed = lines[index].drop { $0 == " " || $0 == "-" || $0 == "\t" || $0 == "{" || $0 == "[" }
            if let colon = trimmed.firstIndex(of: ":"), !trimmed.hasPrefix("#") {
                let key = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                if !key.isEmpty, key.count <= 64, !key.contains(" ") { return key }
            }
            index -= 1
        }
        return "(document)"
    }

    static func readGit(_ node: YAMLNode, reader: YAMLReader) -> GitSettings {
        var git = GitSettings()
        for (name, keyNode, value) in reader.mapping(node, key: "git") ?? [] {
            switch name {
            case "commit_manifest": git.commitManifest = reader.bool(value, key: "git.\(name)") ?? false
            default: reader.unknownKey(name, at: keyNode, key: "git", known: ["commit_manifest"])
            }
        }
        return git
    }

    static func invalidUTF8(_ data: Data, displayPath: String) -> Diagnostic {
        var line = 1
        var column = 1
        var index = 0
        let bytes = [UInt8](data)
        while index < bytes.count {
            let byte = bytes[index]
            let length =
                byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > bytes.count || String(validUTF8: bytes[index..<end]) == nil {
                break
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = end
        }
        return .error(
            "the manifest is not valid UTF-8 (byte 0x\(String(bytes[min(index, bytes.count - 1)], radix: 16)) at offset \(index))",
            at: SourceLocation(file: displayPath, line: line, column: column),
            fix: "save the file as UTF-8"
        )
    }

    static func yamlError(_ error: any Error, displayPath: String) -> Diagnostic {
        func located(_ problem: String, _ mark: Mark, context: String?) -> Diagnostic {
            let detail = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return .error(
                "invalid YAML: \(detail)", at: SourceLocation(file: displayPath, line: mark.line, column: mark.column),
                fix:
                    "check the indentation and quoting around this line; quote values that contain ': ' or start with '*', '&', '[' or '{'"
            )
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return located(problem, mark, context: context?.text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "duplicate key '\(duplicates.joined(separator: "', '"))'",
                at: SourceLocation(file: displayPath, line: context.mark.line, column: context.mark.column),
                key: duplicates.first, fix: "keep one of them; a later value would silently win in other tools")
        case .reader(let problem, let offset, _, _):
            return .error(
                "unreadable YAML: \(problem) at byte \(offset ?? 0)",
                at: SourceLocation(file: displayPath, line: 1, column: 1), fix: "save the file as UTF-8 text")
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: displayPath, line: 1, column: 1))
        }
    }
}
