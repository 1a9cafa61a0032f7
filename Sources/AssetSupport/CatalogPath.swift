/// The kinds of Xcode asset-catalog folders generate-assets writes.
package enum CatalogKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A named image: one universal image, or one file per scale.
    case imageset
    /// An app icon in current Xcode's single-size form: one 1024×1024 image per appearance.
    case appiconset
}

/// Recognises asset-catalog paths: a folder ending in `.imageset` or `.appiconset` inside a `.xcassets` folder.
package enum CatalogPath {
    /// The file that describes every catalog folder.
    package static let contentsFile = "Contents.json"

    /// The kind of set `path` names, or nil when it is not a set inside a `.xcassets` folder.
    package static func kind(of path: String) -> CatalogKind? {
        guard let kind = CatalogKind(rawValue: ProjectPath.fileExtension(path).lowercased()),
            catalogFolder(of: path) != nil
        else { return nil }
        return kind
    }

    /// True when the last component ends in `.imageset` or `.appiconset`, inside a catalog or not.
    package static func looksLikeSet(_ path: String) -> Bool {
        CatalogKind(rawValue: ProjectPath.fileExtension(path).lowercased()) != nil
    }

    /// The nearest enclosing folder whose name ends in `.xcassets`.
    package static func catalogFolder(of path: String) -> String? {
        var folder = ProjectPath.parent(path)
        while !folder.isEmpty, folder != "/" {
            if ProjectPath.fileExtension(folder).lowercased() == "xcassets" { return folder }
            folder = ProjectPath.parent(folder)
        }
        return nil
    }

    /// `Contents.json` inside `folder`.
    package static func contents(of folder: String) -> String { folder + "/" + contentsFile }
}
