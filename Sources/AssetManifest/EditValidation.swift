import AssetSupport

extension ProjectValidator {
    /// Checks an asset's `edits:` against its model: the model must take multi-turn edits (a table column),
    /// each turn's image config must suit it, and a turn's references are files or other assets (checked like the asset's).
    func resolveEdits(_ asset: AssetDeclaration, resolved: ResolvedAsset) -> [ResolvedEdit] {
        let key = "assets[\(asset.id)].edits"
        let location = asset.location("edits")
        // A model this version does not know is taken as the manifest says (like its config).
        let model = resolved.model
        if let model, !model.supportsMultiTurn {
            let able = catalog.models.filter {
                $0.supportsMultiTurn && $0.shutdownDate == nil && $0.multiTurnCaveat == nil
            }
            .map(\.id)
            error(
                "model '\(model.id)' does not support multi-turn edits", at: location, key: key,
                fix: "use \(able.joined(separator: " or ")) for 'edits:', or fold the changes into the prompt")
            return []
        }
        if let model, let caveat = model.multiTurnCaveat {
            warnOnce(
                "edits:\(model.id)",
                .warning(
                    "\(model.id) is \(caveat)", at: location, key: key,
                    fix: "expect weaker edits; gemini-3.1-flash-image or gemini-3-pro-image keep more of the image"))
        }
        return asset.edits.enumerated().compactMap { index, edit in
            resolveEdit(edit, turn: index + 1, key: "\(key)[\(index)]", asset: asset, resolved: resolved, model: model)
        }
    }

    func resolveEdit(
        _ edit: EditDeclaration, turn: Int, key: String, asset: AssetDeclaration, resolved: ResolvedAsset,
        model: ImageModel?
    ) -> ResolvedEdit? {
        var config = resolved.config
        let own = edit.config.values
        config.aspectRatio = own.aspectRatio ?? config.aspectRatio
        config.imageSize = own.imageSize ?? config.imageSize
        config.thinkingLevel = own.thinkingLevel ?? config.thinkingLevel
        config.includeThoughts = own.includeThoughts ?? config.includeThoughts
        var valid = true
        func fail(_ name: String, _ message: String, fix: String) {
            error(message, at: edit.config.locations[name] ?? edit.location, key: "\(key).config.\(name)", fix: fix)
            valid = false
        }
        if let model { checkTurnConfig(own, model: model, fail: fail) }
        var references: [ResolvedReference] = []
        for (index, reference) in edit.references.enumerated() {
            // A file, or another asset's image (made before this chain: the dependency graph orders it so).
            guard
                let checked = resolveReference(
                    reference, of: asset, index: index, outputs: [:], key: "\(key).references[\(index)]")
            else {
                valid = false
                continue
            }
            references.append(checked)
        }
        guard valid else { return nil }
        return ResolvedEdit(prompt: edit.prompt, references: references, config: config, location: edit.location)
    }

    /// A turn's own image config and thinking against the model's row.
    func checkTurnConfig(
        _ own: GenerationConfig, model: ImageModel, fail: (_ name: String, _ message: String, _ fix: String) -> Void
    ) {
        if let ratio = own.aspectRatio, !model.aspectRatios.contains(ratio) {
            fail(
                "aspect_ratio", "aspect ratio '\(ratio)' is not offered by \(model.id)",
                Suggestion.hint(for: ratio, in: model.aspectRatios))
        }
        if let size = own.imageSize, !model.imageSizes.contains(size) {
            fail(
                "image_size", "image size '\(size)' is not offered by \(model.id)",
                "use one of \(model.imageSizes.joined(separator: ", "))")
        }
        if let level = own.thinkingLevel, !model.thinkingLevels.contains(level) {
            fail(
                "thinking_level",
                model.thinkingLevels.isEmpty
                    ? "\(model.id) has no thinking level to set"
                    : "thinking level '\(level)' is not offered by \(model.id)",
                model.thinkingLevels.isEmpty
                    ? "remove 'thinking_level'" : "use one of \(model.thinkingLevels.joined(separator: ", "))")
        }
    }
}
