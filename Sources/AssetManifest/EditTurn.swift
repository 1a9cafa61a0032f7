import AssetSupport

/// One entry of an asset's `edits:`: a user turn that refines the image of the turn before it, sent with the
/// whole conversation so far. Written as a string (the instruction) or a mapping `{prompt, references, config}`.
package struct EditDeclaration: Sendable, Hashable {
    package var prompt: String
    package var references: [ReferenceDeclaration] = []
    /// Only image config (`aspect_ratio`, `image_size`) and thinking may be set per turn.
    package var config = LocatedConfig()
    package var location: SourceLocation

    package init(prompt: String, location: SourceLocation) {
        self.prompt = prompt
        self.location = location
    }
}

/// An edit turn checked against the asset's model: its instruction, the files it adds, and the turn's
/// effective config (the asset's, with this turn's image config and thinking on top).
package struct ResolvedEdit: Sendable, Hashable {
    package var prompt: String
    package var references: [ResolvedReference]
    package var config: GenerationConfig
    package var location: SourceLocation

    package init(prompt: String, references: [ResolvedReference], config: GenerationConfig, location: SourceLocation) {
        self.prompt = prompt
        self.references = references
        self.config = config
        self.location = location
    }

    /// Ids of the assets this turn adds as references (`- asset: id`).
    package var assetReferences: [String] {
        references.compactMap { if case .asset(let id) = $0 { id } else { nil } }
    }
}

/// Reads `edits:`, checking each entry's shape and keys.
enum EditReader {
    static let keys = ["prompt", "references", "config"]
    /// The config keys a turn may change: the image's shape and size, and thinking.
    static let turnConfigKeys = ["aspect_ratio", "image_size", "thinking_level", "include_thoughts"]

    static func read(_ node: YAMLNode, key: String, reader: YAMLReader) -> [EditDeclaration] {
        guard let items = reader.sequence(node, key: key) else { return [] }
        return items.enumerated().compactMap { index, item in
            readOne(item, key: "\(key)[\(index)]", turn: index + 1, reader: reader)
        }
    }

    static func readOne(_ item: YAMLNode, key: String, turn: Int, reader: YAMLReader) -> EditDeclaration? {
        let location = reader.location(item)
        let emptyFix =
            "write the change you want, e.g. \"make the lighting warmer; keep everything else\", or remove the entry"
        guard case .mapping = item else {
            if case .scalar(let scalar) = item, YAMLReader.isBlank(scalar.string) || YAMLReader.isNothing(item) {
                reader.error("edit \(turn) is empty", at: item, key: key, fix: emptyFix)
                return nil
            }
            return reader.string(item, key: key).map { EditDeclaration(prompt: $0, location: location) }
        }
        var edit = EditDeclaration(prompt: "", location: location)
        var hasPrompt = false
        for (name, keyNode, value) in reader.mapping(item, key: key) ?? [] {
            switch name {
            case "prompt":
                hasPrompt = true
                if case .scalar(let scalar) = value, YAMLReader.isBlank(scalar.string) || YAMLReader.isNothing(value) {
                    reader.error("edit \(turn) has an empty prompt", at: value, key: "\(key).prompt", fix: emptyFix)
                } else {
                    edit.prompt = reader.string(value, key: "\(key).prompt") ?? ""
                }
            case "references":
                edit.references = AssetReader.readReferences(value, key: "\(key).references", reader: reader)
            case "config":
                edit.config = ConfigReader.read(value, key: "\(key).config", reader: reader)
                checkTurnConfig(edit.config, key: "\(key).config", reader: reader)
            default: reader.unknownKey(name, at: keyNode, key: key, known: keys)
            }
        }
        if !hasPrompt {
            reader.error(
                "edit \(turn) has no 'prompt'", at: item, key: "\(key).prompt",
                fix: "add 'prompt: \"…\"' with the change this turn asks for")
        }
        return edit.prompt.isEmpty ? nil : edit
    }

    /// A turn may change the image config and thinking only: the model stays (signatures belong to the model
    /// that made them), and the rest of the config is the asset's.
    static func checkTurnConfig(_ config: LocatedConfig, key: String, reader: YAMLReader) {
        for (name, location) in config.locations.sorted(by: { $0.key < $1.key }) where !turnConfigKeys.contains(name) {
            if name == "model" {
                reader.error(
                    "an edit turn cannot change the model", at: location, key: "\(key).model",
                    fix:
                        "remove 'model' here: every turn replays the earlier turns' thought signatures, which only the asset's model accepts; change the asset's model to start the chain again"
                )
            } else {
                reader.error(
                    "'\(name)' cannot change in an edit turn", at: location, key: "\(key).\(name)",
                    fix:
                        "set it in the asset's config; a turn may change only \(turnConfigKeys.joined(separator: ", "))"
                )
            }
        }
    }
}
