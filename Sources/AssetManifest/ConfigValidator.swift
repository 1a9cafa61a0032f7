import AssetSupport

/// Checks one asset's effective config against its model's table row.
/// A value the asset sets itself and the model cannot take is an error; an option inherited from
/// `defaults:` that the model simply lacks (`image_size` on 2.5 Flash, say) is dropped.
struct ConfigValidator {
    let validator: ProjectValidator
    let asset: AssetDeclaration
    let defaults: LocatedConfig

    var key: String { "assets[\(asset.id)].config" }

    func location(_ name: String) -> SourceLocation? {
        asset.config.locations[name] ?? defaults.locations[name] ?? asset.location("")
    }

    func isOwn(_ name: String) -> Bool { asset.config.locations[name] != nil }

    func fail(_ name: String, _ message: String, fix: String) {
        let origin = isOwn(name) ? key : "defaults"
        validator.error(isOwn(name) ? message : "\(message) (inherited by asset '\(asset.id)')", at: location(name), key: "\(origin).\(name)", fix: fix)
    }

    func check(referenceCount: Int) -> (GenerationConfig, ImageModel?)? {
        var config = defaults.values.overlaid(by: asset.config.values)
        let modelID = config.model ?? ModelCatalog.defaultModelID
        let model: ImageModel
        switch ModelCatalog.lookup(modelID) {
        case .known(let known): model = known
        case .renamed(let old, let successor):
            validator.warnOnce(old, .warning("model '\(old)' was retired; using its successor '\(successor.id)'", at: location("model"), key: "\(key).model",
                                             fix: "write 'model: \(successor.id)'"))
            model = successor
        case .shutDown(let reason):
            fail("model", "model '\(modelID)' is no longer available: \(reason)", fix: "use \(ModelCatalog.knownIDs.joined(separator: ", "))")
            return nil
        case .unknown(let id):
            validator.warnOnce(id, .warning("unknown model '\(id)': its values are not checked and its cost is unknown", at: location("model"), key: "\(key).model",
                                            fix: "known models: \(ModelCatalog.knownIDs.joined(separator: ", "))"))
            config.model = id
            return (config, nil)
        }
        config.model = model.id
        var ok = true
        let ratio = config.aspectRatio ?? "1:1"
        if !model.aspectRatios.contains(ratio) {
            fail("aspect_ratio", "\(model.id) does not support aspect ratio '\(ratio)'", fix: "use one of \(model.aspectRatios.joined(separator: ", "))")
            ok = false
        }
        config.aspectRatio = ratio
        ok = checkSize(&config, model: model) && ok
        ok = checkThinking(&config, model: model) && ok
        if config.imageSearch == true, !model.supportsImageSearch {
            if isOwn("image_search") {
                fail("image_search", "\(model.id) has no image search", fix: "remove image_search, or use gemini-3.1-flash-image")
                ok = false
            } else {
                config.imageSearch = nil
            }
        }
        if referenceCount > model.maxReferences {
            validator.error("\(referenceCount) references; \(model.id) takes at most \(model.maxReferences)", at: asset.location("references"),
                            key: "assets[\(asset.id)].references", fix: "remove \(referenceCount - model.maxReferences), or combine several into one collage")
            ok = false
        }
        return ok ? (config, model) : nil
    }

    func checkSize(_ config: inout GenerationConfig, model: ImageModel) -> Bool {
        guard let size = config.imageSize else {
            config.imageSize = model.defaultImageSize
            return true
        }
        if model.imageSizes.isEmpty {
            if isOwn("image_size") {
                fail("image_size", "\(model.id) has no image_size option (it always answers at about 1024 px)", fix: "remove image_size, or use gemini-3.1-flash-image for other sizes")
                return false
            }
            config.imageSize = nil
            return true
        }
        if !model.imageSizes.contains(size) {
            let upper = size.uppercased()
            let fix = model.imageSizes.contains(upper) ? "write '\(upper)' with an upper-case K; the API rejects '\(size)'" : "use one of \(model.imageSizes.joined(separator: ", "))"
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
                fail("thinking_level", "\(model.id) \(why); its thinking level cannot be set", fix: "remove thinking_level")
                return false
            }
            config.thinkingLevel = nil
            return true
        }
        guard model.thinkingLevels.contains(level) else {
            fail("thinking_level", "\(model.id) does not support thinking_level '\(level)'", fix: "use one of \(model.thinkingLevels.joined(separator: ", "))")
            return false
        }
        return true
    }
}
