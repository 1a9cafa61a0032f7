import AssetSupport
import Yams

/// Reads an asset's `renditions:`, `scales:`, `point_size:` and `appearances:`, checking types; what they
/// mean for the asset's output is checked later (`DeliverableValidation`).
extension AssetReader {
    static let renditionKeys = ["output", "width", "height", "fit", "remove_background", "tolerance"]
    static let appearanceKeys = ["prompt", "style", "references", "config"]

    /// Reads one of the four keys into `asset`; false when `name` is none of them.
    static func readDeliverable(
        _ name: String, _ value: YAMLNode, key: String, into asset: inout AssetDeclaration, reader: YAMLReader
    ) -> Bool {
        switch name {
        case "renditions": asset.renditions = readRenditions(value, key: "\(key).renditions", reader: reader)
        case "scales": asset.scales = readScales(value, key: "\(key).scales", reader: reader)
        case "point_size": asset.pointSize = readPointSize(value, key: "\(key).point_size", reader: reader)
        case "appearances": asset.appearances = readAppearances(value, key: "\(key).appearances", reader: reader)
        default: return false
        }
        return true
    }

    static func readRenditions(_ node: YAMLNode, key: String, reader: YAMLReader) -> [RenditionDeclaration] {
        guard let items = reader.sequence(node, key: key) else { return [] }
        return items.enumerated().compactMap { index, item in
            readRendition(item, key: "\(key)[\(index)]", reader: reader)
        }
    }

    static func readRendition(_ node: YAMLNode, key: String, reader: YAMLReader) -> RenditionDeclaration? {
        guard let pairs = reader.mapping(node, key: key) else { return nil }
        var rendition = RenditionDeclaration(locations: ["": reader.location(node)])
        for (name, keyNode, value) in pairs {
            rendition.locations[name] = reader.location(value)
            let path = "\(key).\(name)"
            switch name {
            case "output": rendition.output = reader.string(value, key: path) ?? ""
            case "width": rendition.width = reader.int(value, key: path)
            case "height": rendition.height = reader.int(value, key: path)
            case "fit": rendition.fit = reader.string(value, key: path)
            case "tolerance": rendition.tolerance = reader.double(value, key: path)
            case "remove_background":
                if YAMLReader.isNothing(value) {
                    reader.error(
                        "expected a colour such as \"#00FF00\", found nothing", at: value, key: path,
                        fix: "quote the colour: remove_background: \"#00FF00\" (an unquoted '#' starts a YAML comment)")
                } else {
                    rendition.removeBackground = reader.string(value, key: path)
                }
            default: reader.unknownKey(name, at: keyNode, key: key, known: renditionKeys)
            }
        }
        if rendition.locations["output"] == nil {
            reader.error(
                "missing 'output'", at: node, key: "\(key).output",
                fix: "add 'output: Web/name-512.webp', the file this rendition writes")
        }
        return rendition
    }

    static func readScales(_ node: YAMLNode, key: String, reader: YAMLReader) -> [Int]? {
        guard let items = reader.sequence(node, key: key) else { return nil }
        let scales = items.enumerated().compactMap { reader.int($0.element, key: "\(key)[\($0.offset)]") }
        return scales.count == items.count ? scales : nil
    }

    static func readPointSize(_ node: YAMLNode, key: String, reader: YAMLReader) -> [Double]? {
        guard let items = reader.sequence(node, key: key) else { return nil }
        let sides = items.enumerated().compactMap { reader.double($0.element, key: "\(key)[\($0.offset)]") }
        return sides.count == items.count ? sides : nil
    }

    static func readAppearances(_ node: YAMLNode, key: String, reader: YAMLReader) -> [AppearanceDeclaration] {
        var appearances: [AppearanceDeclaration] = []
        for (name, keyNode, value) in reader.mapping(node, key: key) ?? [] {
            let itemKey = "\(key).\(name)"
            var appearance = AppearanceDeclaration(name: name, locations: ["": reader.location(keyNode)])
            for (field, fieldNode, fieldValue) in reader.mapping(value, key: itemKey) ?? [] {
                appearance.locations[field] = reader.location(fieldValue)
                let path = "\(itemKey).\(field)"
                switch field {
                case "prompt": appearance.prompt = reader.string(fieldValue, key: path)
                case "style", "styles": appearance.styles = reader.strings(fieldValue, key: path)
                case "references": appearance.references = readReferences(fieldValue, key: path, reader: reader)
                case "config": appearance.config = ConfigReader.read(fieldValue, key: path, reader: reader)
                default: reader.unknownKey(field, at: fieldNode, key: itemKey, known: appearanceKeys)
                }
            }
            appearances.append(appearance)
        }
        return appearances
    }
}
