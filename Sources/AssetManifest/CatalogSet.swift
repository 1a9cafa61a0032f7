import AssetSupport

/// One entry of a set's `Contents.json` `images`, in Apple's asset-catalog format.
package struct CatalogImage: Sendable, Hashable {
    package var filename: String
    package var idiom = "universal"
    /// 1, 2 or 3 for an image set with `scales:`; nil for a single universal image or an icon.
    package var scale: Int?
    /// `1024x1024` for an app icon.
    package var size: String?
    /// `ios` for an app icon.
    package var platform: String?
    /// `dark` or `tinted` (luminosity); nil for the default appearance.
    package var appearance: String?

    package init(
        filename: String, scale: Int? = nil, size: String? = nil, platform: String? = nil, appearance: String? = nil
    ) {
        self.filename = filename
        self.scale = scale
        self.size = size
        self.platform = platform
        self.appearance = appearance
    }

    /// The entry as Xcode writes it.
    package var json: [String: Any] {
        var entry: [String: Any] = ["filename": filename, "idiom": idiom]
        if let scale { entry["scale"] = "\(scale)x" }
        if let size { entry["size"] = size }
        if let platform { entry["platform"] = platform }
        if let appearance { entry["appearances"] = [["appearance": "luminosity", "value": appearance]] }
        return entry
    }

    /// What the entry is for (idiom, scale, size, platform, appearances), whatever file fills it.
    package var slot: String { Self.slot(of: json) }

    /// The slot of any `images` entry, ours or one already in a `Contents.json`.
    package static func slot(of entry: [String: Any]) -> String {
        let appearances = (entry["appearances"] as? [[String: Any]] ?? []).map {
            "\($0["appearance"] ?? "")=\($0["value"] ?? "")"
        }.sorted()
        return ["idiom", "scale", "size", "platform", "subtype", "role"].map { "\(entry[$0] ?? "")" }.joined(
            separator: "|") + "|" + appearances.joined(separator: ",")
    }
}

/// An `.imageset` or `.appiconset` folder: every image of every appearance, for its `Contents.json`.
package struct CatalogSet: Sendable, Hashable {
    package var kind: CatalogKind
    /// Project-relative path of the set folder.
    package var folder: String
    package var images: [CatalogImage]

    package init(kind: CatalogKind, folder: String, images: [CatalogImage]) {
        self.kind = kind
        self.folder = folder
        self.images = images
    }

    package var contentsPath: String { CatalogPath.contents(of: folder) }

    /// The enclosing `.xcassets` folder's own `Contents.json` (written only when missing).
    package var catalogContentsPath: String? { CatalogPath.catalogFolder(of: folder).map(CatalogPath.contents(of:)) }

    /// The set's `Contents.json` as generate-assets defines it, canonically: a change here rewrites the file.
    package var recipe: String {
        (["catalog:1 \(kind.rawValue)"]
            + images.map { image in
                [
                    image.filename, image.scale.map { "scale=\($0)x" }, image.size.map { "size=\($0)" },
                    image.platform.map { "platform=\($0)" },
                    image.appearance.map { "appearance=\($0)" },
                ].compactMap { $0 }.joined(separator: " ")
            }).joined(separator: "\n")
    }

    /// The recipe of the `.xcassets` folder's `Contents.json`.
    package static let catalogRecipe = "catalog:1 xcassets"
}

/// How an asset belongs to a catalog set: the set's own image, or one of its appearances.
package struct CatalogMembership: Sendable, Hashable {
    package var kind: CatalogKind
    /// The set folder: the output of the asset and of its appearances.
    package var folder: String
    /// The id of the asset that declares the set.
    package var primary: String
    /// `dark` or `tinted` for an appearance; nil for the set's own image.
    package var appearance: String?
    /// The whole set, on the primary asset only: it writes `Contents.json`.
    package var set: CatalogSet?
}

extension ResolvedAsset {
    /// False for a catalog set: the generated image itself is kept in the cache and only its renditions are written.
    package var hasOutputFile: Bool { catalog == nil }

    /// Every file a run may write for this asset: its output, its renditions and, for a set, `Contents.json` files.
    package var writtenFiles: [String] {
        var files = hasOutputFile ? [output] : []
        files += renditions.map(\.output)
        if let set = catalog?.set { files += [set.contentsPath] + [set.catalogContentsPath].compactMap { $0 } }
        return files
    }

    /// The file whose git history is this asset's: its output, or for a set its first image.
    package var historyPath: String { hasOutputFile ? output : renditions.first?.output ?? output }
}
