import AssetSupport

/// Turns the manifest's `models:` declarations into catalog rows. A declaration of a built-in id keeps
/// every value it does not give; a new id starts from nothing but its `aspect_ratios`. A declared
/// `price_per_image_usd` is what its calls cost (the built-in token prices no longer apply), and the
/// Batch price is half of it unless `batch_price_per_image_usd` says otherwise.
extension ProjectValidator {
    /// The built-in models merged with the valid declarations.
    func projectCatalog() -> ModelCatalog {
        ModelCatalog.builtIn.merging(
            manifest.models.filter { !$0.hasErrors }.compactMap { resolve($0, over: ModelCatalog.builtIn.model($0.id)) }
        )
    }

    func resolve(_ declared: ModelDeclaration, over base: ImageModel?) -> ImageModel? {
        let key = "models.\(declared.id)"
        guard let ratios = declared.aspectRatios ?? base?.aspectRatios else {
            error(
                "model '\(declared.id)' has no 'aspect_ratios'", at: declared.location(""), key: "\(key).aspect_ratios",
                fix: "list the ratios it accepts, e.g. 'aspect_ratios: [\"1:1\", \"16:9\"]'")
            return nil
        }
        let sizes = declared.imageSizes ?? base?.imageSizes ?? []
        var model =
            base
            ?? ImageModel(
                id: declared.id, aspectRatios: ratios, imageSizes: sizes, defaultImageSize: nil, maxReferences: .max,
                thinkingLevels: [],
                supportsImageSearch: false, imageTokens: [:], tokenPrices: nil, pricePerImage: [:],
                batchPricePerImage: [:], pixelSizes: [:])
        model.aspectRatios = ratios
        model.imageSizes = sizes
        model.defaultImageSize = Self.defaultSize(sizes, preferred: base?.defaultImageSize)
        if let count = declared.maxReferences {
            model.maxReferences = count
            model.referenceLimitIsAdvice = false
        }
        if let levels = declared.thinkingLevels { model.thinkingLevels = levels }
        if let multiTurn = declared.supportsMultiTurn { model.supportsMultiTurn = multiTurn }
        model.declaredAt = declared.location("")
        guard checkPriceSizes(declared, sizes: sizes) else { return nil }
        if let price = declared.price {
            model.pricePerImage = Self.expand(price, sizes: sizes, over: model.pricePerImage)
            model.batchPricePerImage = model.pricePerImage.halved
            model.tokenPrices = nil
        }
        if let batch = declared.batchPrice {
            model.batchPricePerImage = Self.expand(
                batch, sizes: sizes,
                over: model.batchPricePerImage.isEmpty ? model.pricePerImage.halved : model.batchPricePerImage)
        }
        return checkEverySizePriced(model, declared: declared) ? model : nil
    }

    /// 1K when the model has it, else its first size; a built-in default is kept while it is still listed.
    static func defaultSize(_ sizes: [String], preferred: String?) -> String? {
        if let preferred, sizes.contains(preferred) { return preferred }
        return sizes.contains("1K") ? "1K" : sizes.first
    }

    /// The prices as a table by size ("" for a model without sizes), over the prices it replaces.
    static func expand(_ price: ModelDeclaration.Price, sizes: [String], over previous: [String: Double]) -> [String:
        Double]
    {
        switch price {
        case .flat(let amount):
            return Dictionary(uniqueKeysWithValues: (sizes.isEmpty ? [""] : sizes).map { ($0, amount) })
        case .bySize(let table): return previous.merging(table) { $1 }
        }
    }

    /// Price mappings name only sizes the model has, and only models with sizes have one.
    func checkPriceSizes(_ declared: ModelDeclaration, sizes: [String]) -> Bool {
        var ok = true
        for (name, price) in [
            ("price_per_image_usd", declared.price), ("batch_price_per_image_usd", declared.batchPrice),
        ] {
            guard case .bySize(let table) = price else { continue }
            let key = "models.\(declared.id).\(name)"
            if sizes.isEmpty {
                error(
                    "model '\(declared.id)' has no image_sizes, so its price is one number",
                    at: declared.location(name), key: key,
                    fix: "write '\(name): 0.04', or list the sizes under 'image_sizes'")
                ok = false
                continue
            }
            for size in table.keys.sorted() where !sizes.contains(size) {
                let fix =
                    sizes.contains(size.uppercased())
                    ? "write '\(size.uppercased())' with an upper-case K"
                    : "price one of \(sizes.joined(separator: ", ")), or add '\(size)' to image_sizes"
                error(
                    "a price for image size '\(size)', which is not in image_sizes",
                    at: declared.location("\(name).\(size)"), key: "\(key).\(size)", fix: fix)
                ok = false
            }
        }
        return ok
    }

    /// A priced model has a price for each of its sizes; an unpriced one is accepted with a warning.
    func checkEverySizePriced(_ model: ImageModel, declared: ModelDeclaration) -> Bool {
        let key = "models.\(declared.id).price_per_image_usd"
        if model.pricePerImage.isEmpty {
            diagnostics.append(
                .warning(
                    "model '\(model.id)' has no price: the cost of its images is unknown and --max-cost cannot cover them",
                    at: declared.location(""), key: key,
                    fix: "add 'price_per_image_usd:' with one number, or one per image size"))
            return true
        }
        let missing = (model.imageSizes.isEmpty ? [""] : model.imageSizes).filter { model.pricePerImage[$0] == nil }
        guard missing.isEmpty else {
            error(
                "no price for image size \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                at: declared.location("price_per_image_usd"), key: key,
                fix:
                    "add \(missing.map { "'\($0): USD'" }.joined(separator: ", ")) to price_per_image_usd, or give one number for every size"
            )
            return false
        }
        return true
    }
}
