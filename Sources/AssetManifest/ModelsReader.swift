import AssetSupport

/// Reads the `models:` block: models this release does not know, or new values for built-in ones.
/// Types, formats and signs are checked here; how the fields fit together, in `ModelResolution`.
enum ModelsReader {
    static let keys = [
        "aspect_ratios", "image_sizes", "max_references", "thinking_levels", "price_per_image_usd",
        "batch_price_per_image_usd", "multi_turn",
    ]
    static let thinkingLevels = ["minimal", "low", "medium", "high"]

    static func readAll(_ node: YAMLNode, reader: YAMLReader) -> [ModelDeclaration] {
        (reader.mapping(node, key: "models") ?? []).map {
            read(id: $0.name, keyNode: $0.keyNode, value: $0.value, reader: reader)
        }
    }

    /// True for ids as the API spells them: letters, digits, '.', '-' and '_', starting with a letter or digit.
    static func isValidID(_ id: String) -> Bool {
        let isAlphanumeric: (UInt8) -> Bool = {
            ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57)
        }
        guard let first = id.utf8.first, id.utf8.count <= 128, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == 45 || $0 == 46 || $0 == 95 }
    }

    /// A positive whole number written in ASCII digits alone.
    static func positive(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int(text), number > 0 else {
            return nil
        }
        return number
    }

    /// One declaration, flagged `hasErrors` when it has any, so later checks do not repeat them.
    static func read(id: String, keyNode: YAMLNode, value: YAMLNode, reader: YAMLReader) -> ModelDeclaration {
        let key = "models.\(id)"
        let errorsBefore = reader.diagnostics.count
        var model = ModelDeclaration(id: id, locations: ["": reader.location(keyNode)], hasErrors: true)
        guard isValidID(id) else {
            reader.error(
                "invalid model id '\(id.prefix(64))'", at: keyNode, key: key,
                fix: "write the id as the API names it, e.g. 'gemini-4-flash-image': letters, digits, '.', '-' and '_'")
            return model
        }
        guard let pairs = reader.mapping(value, key: key) else { return model }
        for (name, nameNode, node) in pairs {
            let path = "\(key).\(name)"
            model.locations[name] = reader.location(node)
            switch name {
            case "aspect_ratios": model.aspectRatios = list(node, key: path, reader: reader, check: ratioProblem)
            case "image_sizes": model.imageSizes = list(node, key: path, reader: reader, check: sizeProblem)
            case "thinking_levels":
                model.thinkingLevels = list(node, key: path, reader: reader) { level in
                    thinkingLevels.contains(level.lowercased())
                        ? nil : ("unknown thinking level '\(level)'", Suggestion.hint(for: level, in: thinkingLevels))
                }?.map { $0.lowercased() }
            case "max_references":
                guard let count = reader.int(node, key: path) else { continue }
                if count < 0 {
                    reader.error(
                        "max_references cannot be negative (\(count))", at: node, key: path,
                        fix: "write how many reference images the model takes, e.g. 14")
                } else {
                    model.maxReferences = count
                }
            case "multi_turn": model.supportsMultiTurn = reader.bool(node, key: path)
            case "price_per_image_usd", "batch_price_per_image_usd":
                let price = readPrice(node, key: path, reader: reader) { size, location in
                    model.locations["\(name).\(size)"] = location
                }
                if name == "price_per_image_usd" { model.price = price } else { model.batchPrice = price }
            default:
                reader.unknownKey(name, at: nameNode, key: key, known: keys)
            }
        }
        model.hasErrors = reader.diagnostics.count != errorsBefore
        return model
    }

    /// A list of text values (one value is a one-item list); nil when any item is wrong, empty or repeated.
    static func list(
        _ node: YAMLNode, key: String, reader: YAMLReader, check: (String) -> (message: String, fix: String)?
    ) -> [String]? {
        let items: [YAMLNode]
        if case .scalar = node {
            items = [node]
        } else {
            guard let sequence = reader.sequence(node, key: key) else { return nil }
            items = sequence
        }
        guard !items.isEmpty else {
            reader.error(
                "the list is empty", at: node, key: key,
                fix: "list at least one value, or remove '\(key.split(separator: ".").last ?? "")' to keep the default")
            return nil
        }
        var values: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            guard let text = reader.string(item, key: "\(key)[\(index)]") else {
                ok = false
                continue
            }
            if let problem = check(text) {
                reader.error(problem.message, at: item, key: "\(key)[\(index)]", fix: problem.fix)
                ok = false
            } else if values.contains(text) {
                reader.error(
                    "'\(text)' is listed twice", at: item, key: "\(key)[\(index)]", fix: "remove the second '\(text)'")
                ok = false
            }
            values.append(text)
        }
        return ok ? values : nil
    }

    static func ratioProblem(_ ratio: String) -> (message: String, fix: String)? {
        let parts = ratio.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ positive($0) != nil }) { return nil }
        return ("'\(ratio.prefix(40))' is not an aspect ratio", "write ratios as \"W:H\" in quotes, e.g. \"16:9\"")
    }

    static func sizeProblem(_ size: String) -> (message: String, fix: String)? {
        if positive(size.hasSuffix("K") ? size.dropLast() : Substring(size)) != nil { return nil }
        if size.hasSuffix("k"), let number = positive(size.dropLast()) {
            return ("image size '\(size)' needs an upper-case K", "write '\(number)K'; the API rejects '\(size)'")
        }
        return ("'\(size.prefix(40))' is not an image size", "write sizes as the API does: 512, 1K, 2K or 4K")
    }

    /// One number, or a mapping of image size to number; every price at least 0.
    static func readPrice(_ node: YAMLNode, key: String, reader: YAMLReader, located: (String, SourceLocation) -> Void)
        -> ModelDeclaration.Price?
    {
        func amount(_ node: YAMLNode, key: String) -> Double? {
            guard let value = reader.double(node, key: key) else { return nil }
            guard value >= 0 else {
                reader.error(
                    "a price cannot be negative (\(value))", at: node, key: key,
                    fix: "write the USD price of one image, e.g. 0.04")
                return nil
            }
            return value
        }
        switch node {
        case .scalar: return amount(node, key: key).map { .flat($0) }
        case .mapping:
            var prices: [String: Double] = [:]
            var ok = true
            for (size, sizeNode, value) in reader.mapping(node, key: key) ?? [] {
                located(size, reader.location(sizeNode))
                if let price = amount(value, key: "\(key).\(size)") { prices[size] = price } else { ok = false }
            }
            return ok ? .bySize(prices) : nil
        default:
            reader.error(
                "expected a price, found \(YAMLReader.describe(node))", at: node, key: key,
                fix: "write one number (USD per image), or one per image size: {1K: 0.05, 2K: 0.08}")
            return nil
        }
    }
}
