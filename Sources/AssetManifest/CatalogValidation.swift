import AssetSupport

extension ProjectValidator {
    /// Checks `scales:`, `point_size:` and `appearances:` against the asset's output. For a catalog set,
    /// returns the set and its image files by appearance ("" for the asset's own image).
    func checkCatalog(_ asset: AssetDeclaration, output: String?) -> (CatalogSet, [String: [RenditionSpec]])? {
        let key = "assets[\(asset.id)]"
        let kind = output.flatMap(CatalogPath.kind(of:))
        let name = ProjectPath.removingExtension(ProjectPath.name(output ?? asset.id))
        var ok = true
        for field in ["scales", "point_size"] where asset.locations[field] != nil && kind != .imageset && output != nil
        {
            error(
                "'\(field)' applies to an .imageset output", at: asset.location(field), key: "\(key).\(field)",
                fix: kind == .appiconset
                    ? "remove it: an app icon set holds one 1024×1024 image"
                    : "make the output 'Assets.xcassets/\(name).imageset', or use 'renditions:' for other sizes")
            ok = false
        }
        if asset.locations["appearances"] != nil, kind == nil, output != nil {
            error(
                "'appearances' applies to an asset-catalog set (.imageset or .appiconset)",
                at: asset.location("appearances"), key: "\(key).appearances",
                fix: "make the output a set inside an .xcassets folder, e.g. 'Assets.xcassets/\(name).imageset'")
            ok = false
        }
        let scales = kind == .imageset ? checkScales(asset, key: key) : nil
        if kind == .imageset, scales == nil, asset.locations["scales"] != nil || asset.locations["point_size"] != nil {
            ok = false
        }
        guard ok, let output, let kind else { return nil }
        var appearances: [String] = []
        for appearance in asset.appearances {
            let allowed = Self.appearanceNames[kind] ?? []
            if !allowed.contains(appearance.name) {
                error(
                    "unknown appearance '\(appearance.name)' for an .\(kind.rawValue)", at: appearance.location(""),
                    key: "\(key).appearances.\(appearance.name)",
                    fix: Suggestion.hint(for: appearance.name, in: allowed))
            } else if appearance.isEmpty, appearance.locations.count == 1 {
                // `{}`: keys that failed to read are reported already.
                error(
                    "appearance '\(appearance.name)' changes nothing, so its image would be the asset's own",
                    at: appearance.location(""),
                    key: "\(key).appearances.\(appearance.name)",
                    fix:
                        "give it a 'prompt:' (the same subject for a \(appearance.name) appearance) or a 'config:' override"
                )
            } else {
                appearances.append(appearance.name)
            }
        }
        guard appearances.count == asset.appearances.count else { return nil }
        let at = asset.location("output") ?? SourceLocation(file: manifest.displayPath, line: 1, column: 1)
        var files: [String: [RenditionSpec]] = [:]
        var images: [CatalogImage] = []
        for appearance in [nil] + appearances.map(Optional.some) {
            let made = Self.setFiles(kind: kind, folder: output, appearance: appearance, scales: scales, at: at)
            files[appearance ?? ""] = made.map(\.file)
            images += made.map(\.image)
        }
        return (CatalogSet(kind: kind, folder: output, images: images), files)
    }

    /// Each scale with its pixel size, from `scales:` and `point_size:`; nil when neither is given, or after reporting what is wrong.
    func checkScales(_ asset: AssetDeclaration, key: String) -> [(scale: Int, size: PixelSize)]? {
        switch (asset.scales, asset.pointSize) {
        case (nil, nil):
            return nil
        case (nil, _):
            if asset.locations["scales"] == nil {
                error(
                    "'point_size' needs 'scales'", at: asset.location("point_size"), key: "\(key).point_size",
                    fix: "add 'scales: [1, 2, 3]', the scales to write")
            }
            return nil
        case (_, nil):
            if asset.locations["point_size"] == nil {
                error(
                    "'scales' needs 'point_size'", at: asset.location("scales"), key: "\(key).scales",
                    fix: "add 'point_size: [64, 64]': the image's width and height in points (pixels at 1x)")
            }
            return nil
        case (let scales?, let point?):
            var ok = true
            if scales.isEmpty || Set(scales).count != scales.count || !scales.allSatisfy({ (1...3).contains($0) }) {
                error(
                    "scales must be distinct values from 1, 2 and 3, not \(scales)", at: asset.location("scales"),
                    key: "\(key).scales", fix: "write 'scales: [1, 2, 3]' (or the ones you ship, e.g. [2, 3])")
                ok = false
            }
            let largest = Double(Self.largestSide) / 3
            if point.count != 2 || !point.allSatisfy({ $0 > 0 && $0 <= largest }) {
                error(
                    "point_size must be [width, height] in points, each more than 0 and at most \(Int(largest))",
                    at: asset.location("point_size"), key: "\(key).point_size",
                    fix: "write e.g. 'point_size: [64, 64]'")
                ok = false
            }
            guard ok else { return nil }
            return scales.sorted().map { scale in
                (
                    scale,
                    PixelSize(
                        width: max(1, Int((point[0] * Double(scale)).rounded())),
                        height: max(1, Int((point[1] * Double(scale)).rounded())))
                )
            }
        }
    }

    /// The files of one appearance of a set: `Name.png`, `Name@2x.png`, … (`Name-dark.png` for dark), and their entries.
    static func setFiles(
        kind: CatalogKind, folder: String, appearance: String?, scales: [(scale: Int, size: PixelSize)]?,
        at: SourceLocation
    )
        -> [(image: CatalogImage, file: RenditionSpec)]
    {
        let base = ProjectPath.removingExtension(ProjectPath.name(folder)) + (appearance.map { "-\($0)" } ?? "")
        func file(_ name: String, _ size: PixelSize?) -> RenditionSpec {
            RenditionSpec(
                output: folder + "/" + name, width: size?.width, height: size?.height, fit: .cover, location: at)
        }
        switch kind {
        case .appiconset:
            let name = base + ".png"
            return [
                (
                    CatalogImage(filename: name, size: "1024x1024", platform: "ios", appearance: appearance),
                    file(name, PixelSize(width: 1024, height: 1024))
                )
            ]
        case .imageset:
            guard let scales else {
                return [(CatalogImage(filename: base + ".png", appearance: appearance), file(base + ".png", nil))]
            }
            return scales.map { scale, size in
                let name = base + (scale == 1 ? "" : "@\(scale)x") + ".png"
                return (CatalogImage(filename: name, scale: scale, appearance: appearance), file(name, size))
            }
        }
    }
}
