import AssetSupport
import Foundation

/// Reads the `assets:` list.
enum AssetReader {
    static func readAll(_ node: YAMLNode, reader: YAMLReader) -> [AssetDeclaration] {
        guard let items = reader.sequence(node, key: "assets") else { return [] }
        return items.enumerated().compactMap { read($0.element, index: $0.offset, reader: reader) }
    }

    /// True for ids made of lower-case letters, digits, `_` and `-`, starting with a letter or digit.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 64 else { return false }
        let allowed: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 }
        return allowed(first) && first != 95 && first != 45 && id.utf8.allSatisfy(allowed)
    }

    static func read(_ node: YAMLNode, index: Int, reader: YAMLReader) -> AssetDeclaration? {
        // The entry's key path, `assets[ID]` once a valid id is read, else `assets[INDEX]`; built only for a diagnostic.
        var namedID: String?
        func key() -> String { namedID.map { "assets[\($0)]" } ?? "assets[\(index)]" }
        guard let pairs = reader.mapping(node, key: key()) else { return nil }
        var locations: [String: SourceLocation] = [:]
        locations.reserveCapacity(pairs.count + 1)
        locations[""] = reader.location(node)
        var asset = AssetDeclaration(
            id: "", output: "", prompt: "", styles: [], references: [], config: LocatedConfig(), locations: locations)
        if let idNode = pairs.first(where: { $0.name == "id" })?.value,
            let id = reader.string(idNode, key: "\(key()).id")
        {
            asset.id = id
            asset.locations["id"] = reader.location(idNode)
            if isValidID(id) {
                namedID = id
            } else {
                reader.error(
                    "invalid id '\(id.prefix(64))'", at: idNode, key: "\(key()).id",
                    fix: "use up to 64 lower-case letters, digits, '_' and '-', e.g. '\(suggestedID(id))'")
            }
        }
        for (name, keyNode, value) in pairs {
            asset.locations[name] = reader.location(value)
            switch name {
            case "id": continue
            case "output": asset.output = reader.string(value, key: "\(key()).output") ?? ""
            case "prompt": asset.prompt = reader.string(value, key: "\(key()).prompt") ?? ""
            case "style", "styles": asset.styles = reader.strings(value, key: "\(key()).\(name)") ?? []
            case "references": asset.references = readReferences(value, key: "\(key()).references", reader: reader)
            case "config": asset.config = ConfigReader.read(value, key: "\(key()).config", reader: reader)
            case "variants": asset.variants = readVariants(value, key: "\(key()).variants", reader: reader)
            case "edits": asset.edits = EditReader.read(value, key: "\(key()).edits", reader: reader)
            case "frozen": asset.frozen = reader.bool(value, key: "\(key()).frozen") ?? false
            default:
                if readDeliverable(name, value, key: key(), into: &asset, reader: reader) { continue }
                if ImageChecksReader.readAssetKey(name, value, key: key(), into: &asset, reader: reader) { continue }
                if GenerationConfig.keys.contains(name) {
                    reader.error(
                        "'\(name)' belongs under 'config:'", at: keyNode, key: "\(key()).\(name)",
                        fix: "indent it under a 'config:' key of this asset")
                } else {
                    reader.unknownKey(name, at: keyNode, key: key(), known: ManifestParser.assetKeys)
                }
            }
        }
        for required in ["id", "output", "prompt"] where asset.locations[required] == nil {
            reader.error("missing '\(required)'", at: node, key: "\(key()).\(required)", fix: requiredFix(required))
        }
        return asset
    }

    static func readVariants(_ node: YAMLNode, key: String, reader: YAMLReader) -> Int {
        guard let count = reader.int(node, key: key) else { return 1 }
        guard (1...ResolvedAsset.maxVariants).contains(count) else {
            reader.error(
                "variants must be between 1 and \(ResolvedAsset.maxVariants), not \(count)", at: node, key: key,
                fix:
                    "ask for 2 to \(ResolvedAsset.maxVariants) images to choose from (each is a provider call), or remove the key for one"
            )
            return 1
        }
        return count
    }

    static func requiredFix(_ key: String) -> String {
        switch key {
        case "id": return "add 'id: name' with a unique lower-case name"
        case "output": return "add 'output: Images/name.png', a path relative to the manifest's folder"
        default: return "add 'prompt: \"…\"' describing the picture"
        }
    }

    static func suggestedID(_ id: String) -> String {
        let mapped = id.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        let trimmed = mapped.trimmingCharacters(in: CharacterSet(charactersIn: "-_"))
        return trimmed.isEmpty ? "asset-1" : String(trimmed.prefix(64))
    }

    static func readReferences(_ node: YAMLNode, key: @autoclosure () -> String, reader: YAMLReader)
        -> [ReferenceDeclaration]
    {
        guard let items = reader.sequence(node, key: key()) else { return [] }
        var references: [ReferenceDeclaration] = []
        references.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            func itemKey() -> String { "\(key())[\(index)]" }
            let location = reader.location(item)
            if case .mapping = item {
                for (name, keyNode, value) in reader.mapping(item, key: itemKey()) ?? [] {
                    switch name {
                    case "asset":
                        if let id = reader.string(value, key: "\(itemKey()).asset") {
                            references.append(.init(kind: .asset(id), location: location))
                        }
                    case "file", "path":
                        if let path = reader.string(value, key: "\(itemKey()).\(name)") {
                            references.append(.init(kind: .file(path), location: location))
                        }
                    default: reader.unknownKey(name, at: keyNode, key: itemKey(), known: ["asset", "file"])
                    }
                }
            } else if let path = reader.string(item, key: itemKey()) {
                references.append(.init(kind: .file(path), location: location))
            }
        }
        return references
    }
}
