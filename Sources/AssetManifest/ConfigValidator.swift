import AssetSupport

/// Checks one asset's effective config against its model's table row.
/// A value the asset sets itself and the model cannot take is an error; an option inherited from
/// `defaults:` that the model simply lacks (`image_size` on 2.5 Flash, say) is dropped.
struct ConfigValidator {
    let validator: ProjectValidator
    /// The parts of the asset it reads (not the whole declaration: a copy per asset adds up).
    let asset: (id: String, config: LocatedConfig, entry: SourceLocation?, references: SourceLocation?)
    let defaults: LocatedConfig

    init(validator: ProjectValidator, asset: AssetDeclaration, defaults: LocatedConfig) {
        self.validator = validator
        self.asset = (asset.id, asset.config, asset.location(""), asset.location("references"))
        self.defaults = defaults
    }

    var key: String { "assets[\(asset.id)].config" }

    func location(_ name: String) -> SourceLocation? {
        asset.config.locations[name] ?? defaults.locations[name] ?? asset.entry
    }

    func isOwn(_ name: String) -> Bool { asset.config.locations[name] != nil }

    /// Where a key's value was written: this asset's config, or `defaults`.
    func origin(_ name: String) -> String { "\(isOwn(name) ? key : "defaults").\(name)" }

    /// " (see 'models:' on line 3)" for a model the manifest declares, so a fix points at its values.
    func declared(_ model: ImageModel) -> String {
        model.declaredAt.map { " (see 'models:' on line \($0.line))" } ?? ""
    }

    func fail(_ name: String, _ message: String, fix: String) {
        if isOwn(name) {
            validator.error(message, at: location(name), key: origin(name), fix: fix)
        } else {
            validator.inheritedError(message, by: asset.id, at: location(name), key: origin(name), fix: fix)
        }
    }

    /// "did you mean" the closest known model, else how to declare it; always the known models.
    func unknownModelFix(_ id: String, known: [String]) -> String {
        let declare = "declare it under 'models:' to have it checked and priced"
        let list = "known models: \(known.joined(separator: ", "))"
        guard let match = Suggestion.closest(to: id, in: known) else { return "\(declare); \(list)" }
        return "did you mean '\(match)'? If not, \(declare); \(list)"
    }

    func check(referenceCount: Int) -> (GenerationConfig, ImageModel?)? {
        var config = defaults.values.overlaid(by: asset.config.values)
        let modelID = config.model ?? ModelCatalog.defaultModelID
        let model: ImageModel
        let catalog = validator.catalog
        switch catalog.lookup(modelID) {
        case .known(let known): model = known
        case .renamed(let old, let successor):
            validator.warnOnce(
                old,
                .warning(
                    "model '\(old)' was retired; using its successor '\(successor.id)'", at: location("model"),
                    key: "\(key).model",
                    fix: "write 'model: \(successor.id)'"))
            model = successor
        case .shutDown(let reason):
            fail(
                "model", "model '\(modelID)' is no longer available: \(reason)",
                fix: "use \(catalog.currentIDs.joined(separator: ", "))")
            return nil
        case .unknown(let id) where validator.manifest.models.contains { $0.id == id }:
            return (config, nil)  // declared with errors, reported there
        case .unknown(let id):
            validator.warnOnce(
                id,
                .warning(
                    "unknown model '\(id)': its values are not checked and its cost is unknown", at: location("model"),
                    key: "\(key).model",
                    fix: unknownModelFix(id, known: catalog.currentIDs)
                ))
            config.model = id
            return (config, nil)
        }
        config.model = model.id
        warnIfShutDown(model)
        var ok = true
        let ratio = config.aspectRatio ?? "1:1"
        if !model.aspectRatios.contains(ratio) {
            fail(
                "aspect_ratio", "\(model.id) does not support aspect ratio '\(ratio)'",
                fix: "use one of \(model.aspectRatios.joined(separator: ", "))\(declared(model))")
            ok = false
        }
        config.aspectRatio = ratio
        ok = checkSize(&config, model: model) && ok
        ok = checkThinking(&config, model: model) && ok
        if config.imageSearch == true, !model.supportsImageSearch {
            if isOwn("image_search") {
                fail(
                    "image_search", "\(model.id) has no image search",
                    fix: "remove image_search, or use gemini-3.1-flash-image")
                ok = false
            } else {
                config.imageSearch = nil
            }
        }
        ok = checkReferences(referenceCount, model: model) && ok
        return ok ? (config, model) : nil
    }

    /// One warning for each place a deprecated model, or one past its shutdown date, is named (or, when no
    /// asset names one, for the default model).
    func warnIfShutDown(_ model: ImageModel) {
        guard let at = location("model") else { return }
        let message: String
        // Assets that name no model share one warning: the first of them carries it.
        let implicit = asset.config.locations["model"] == nil && defaults.locations["model"] == nil
        if let notice = model.shutdownNotice {
            message = "\(notice); Google no longer serves it, though a proxy may"
        } else if let notice = model.deprecationNotice {
            message = (implicit ? "the default model, " : "") + notice
        } else {
            return
        }
        validator.warnOnce(
            implicit ? "shutdown of the default model" : "shutdown \(at.line):\(at.column)",
            .warning(
                message, at: at, key: origin("model"),
                fix: model.successorAdvice))
    }

    /// More references than the model takes is an error, or a warning where the limit is advice.
    func checkReferences(_ count: Int, model: ImageModel) -> Bool {
        guard count > model.maxReferences else { return true }
        let fix = "remove \(count - model.maxReferences), or combine several into one collage"
        if model.referenceLimitIsAdvice {
            validator.diagnostics.append(
                .warning(
                    "\(count) references; \(model.id) works best with up to \(model.maxReferences)",
                    at: asset.references,
                    key: "assets[\(asset.id)].references",
                    fix: "\(fix)\(model.successorAdvice.map { "; or \($0)" } ?? "")"))
            return true
        }
        validator.error(
            "\(count) references; \(model.id) takes at most \(model.maxReferences)", at: asset.references,
            key: "assets[\(asset.id)].references", fix: fix)
        return false
    }

    func checkSize(_ config: inout GenerationConfig, model: ImageModel) -> Bool {
        guard let size = config.imageSize else {
            config.imageSize = model.defaultImageSize
            return true
        }
        if model.imageSizes.isEmpty {
            if isOwn("image_size") {
                fail(
                    "image_size", "\(model.id) has no image_size option (it always answers at about 1024 px)",
                    fix: "remove image_size, or use gemini-nano-banana-2.1 for other sizes")
                return false
            }
            config.imageSize = nil
            return true
        }
        if !model.imageSizes.contains(size) {
            let upper = size.uppercased()
            let fix =
                model.imageSizes.contains(upper)
                ? "write '\(upper)' with an upper-case K; the API rejects '\(size)'"
                : "use one of \(model.imageSizes.joined(separator: ", "))\(declared(model))"
            fail("image_size", "\(model.id) does not support image_size '\(size)'", fix: fix)
            return false
        }
        return true
    }

    func checkThinking(_ config: inout GenerationConfig, model: ImageModel) -> Bool {
        guard let level = config.thinkingLevel else { return true }
        if model.thinkingLevels.isEmpty {
            if isOwn("thinking_level") {
                let why = model.id.contains("pro") ? "always thinks" : "does not think"
                fail(
                    "thinking_level", "\(model.id) \(why); its thinking level cannot be set",
                    fix: "remove thinking_level")
                return false
            }
            config.thinkingLevel = nil
            return true
        }
        guard model.thinkingLevels.contains(level) else {
            fail(
                "thinking_level", "\(model.id) does not support thinking_level '\(level)'",
                fix: "use one of \(model.thinkingLevels.joined(separator: ", "))\(declared(model))")
            return false
        }
        return true
    }
}
