import AssetSupport

/// What one asset writes besides its generated image, checked: its renditions and, for a catalog set,
/// the set's image files for itself and for each appearance.
struct Deliverables {
    var renditions: [RenditionSpec] = []
    var set: CatalogSet?
    /// The set's image files, by appearance ("" for the asset's own image).
    var setFiles: [String: [RenditionSpec]] = [:]
}

extension ProjectValidator {
    static let largestSide = 16_384
    static let appearanceNames: [CatalogKind: [String]] = [
        .imageset: ["light", "dark"], .appiconset: ["dark", "tinted"],
    ]

    /// Checks every asset's `renditions:`, `scales:`, `point_size:` and `appearances:` against its output,
    /// and that no two assets write one file. Rendition files join `outputOwners`, so a reference to one is caught.
    func checkDeliverables(outputs: [String: String]) -> [String: Deliverables] {
        var result: [String: Deliverables] = [:]
        var checked: Set<String> = []
        // Every output by lower-cased path, built when the first asset with files of its own needs it.
        var writers: [String: String] = [:]
        var writersBuilt = false
        for asset in manifest.assets where !asset.id.isEmpty && hasDeliverables(asset, output: outputs[asset.id]) {
            guard checked.insert(asset.id).inserted else { continue }
            if !writersBuilt {
                writers = Dictionary(
                    outputs.map { ($0.value.lowercased(), $0.key) }, uniquingKeysWith: { first, _ in first })
                writersBuilt = true
            }
            var deliverables = Deliverables()
            if let (set, files) = checkCatalog(asset, output: outputs[asset.id]) {
                deliverables.set = set
                deliverables.setFiles = files
            }
            let renditions = asset.renditions.enumerated().compactMap { index, declaration in
                checkRendition(declaration, of: asset, index: index).map { ($0, "renditions[\(index)].output") }
            }
            deliverables.renditions = renditions.map(\.0)
            let setFiles = deliverables.setFiles.keys.sorted().flatMap { deliverables.setFiles[$0] ?? [] }.map {
                ($0, "output")
            }
            for (file, field) in setFiles + renditions {
                let folded = file.output.lowercased()
                if let other = writers[folded] {
                    error(
                        "'\(file.output)' is also written by \(other == asset.id ? "this asset" : "asset '\(other)'")",
                        at: file.location, key: "assets[\(asset.id)].\(field)",
                        fix: "give each file one writer (names differing only in case collide on macOS and Windows)")
                    continue
                }
                writers[folded] = asset.id
                outputOwners[file.output] = asset.id
            }
            if !deliverables.renditions.isEmpty || deliverables.set != nil { result[asset.id] = deliverables }
        }
        return result
    }

    /// True when the asset declares files besides its image, or its output is a catalog set: only those
    /// need the checks above (most manifests have none, and a large one should not pay for them).
    func hasDeliverables(_ asset: AssetDeclaration, output: String?) -> Bool {
        !asset.renditions.isEmpty || asset.locations["renditions"] != nil || asset.locations["scales"] != nil
            || asset.locations["point_size"] != nil || asset.locations["appearances"] != nil
            || output.map(CatalogPath.looksLikeSet) == true
    }

    /// One `renditions:` entry as a spec, or nil after reporting what is wrong with it.
    func checkRendition(_ rendition: RenditionDeclaration, of asset: AssetDeclaration, index: Int) -> RenditionSpec? {
        let key = "assets[\(asset.id)].renditions[\(index)]"
        var ok = true
        func fail(_ field: String, _ message: String, fix: String) {
            error(message, at: rendition.location(field), key: "\(key).\(field)", fix: fix)
            ok = false
        }
        var path = ""
        if !rendition.output.isEmpty {
            switch writablePath(rendition.output, example: "Web/\(asset.id)-512.webp") {
            case .success(let normalized): path = normalized
            case .failure(let problem): fail("output", problem.message, fix: problem.fix)
            }
        }
        let format = ImageFormat(fileExtension: ProjectPath.fileExtension(path))
        if path.isEmpty {
            ok = false
        } else if CatalogPath.looksLikeSet(path) {
            fail(
                "output", "a rendition writes one image file, not a set",
                fix: "make the set the asset's own 'output:', with 'scales:' for its sizes")
        } else if format.map(ImageFormat.writable.contains) != true {
            fail(
                "output", "rendition output '\(rendition.output)' must end in .png, .jpg, .jpeg or .webp",
                fix: "e.g. '\(ProjectPath.removingExtension(path)).webp'")
        } else if FileKind(root + "/" + path) == .directory {
            fail(
                "output", "rendition output '\(rendition.output)' is a folder",
                fix: "name a file inside it, e.g. '\(path)/\(asset.id).png'")
        }
        for (field, side) in [("width", rendition.width), ("height", rendition.height)] {
            if let side, !(1...Self.largestSide).contains(side) {
                fail(field, "\(field) \(side) is out of range", fix: "use 1 to \(Self.largestSide) pixels")
            }
        }
        var fit = RenditionFit.cover
        if let text = rendition.fit {
            if let value = RenditionFit(rawValue: text) {
                fit = value
            } else {
                fail(
                    "fit", "unknown fit '\(text)'",
                    fix: Suggestion.hint(for: text, in: RenditionFit.allCases.map(\.rawValue)))
            }
            if rendition.width == nil || rendition.height == nil {
                fail(
                    "fit", "'fit' needs both 'width' and 'height'",
                    fix: "add the other side, or remove 'fit' (one side keeps the aspect ratio)")
            }
        }
        var color: RGBColor?
        if let text = rendition.removeBackground {
            color = RGBColor(hex: text)
            if color == nil {
                fail(
                    "remove_background", "'\(text.prefix(40))' is not a colour",
                    fix: "write it as a quoted hex colour, e.g. \"#00FF00\"")
            }
            if format == .jpeg {
                fail(
                    "remove_background", "JPEG has no alpha channel, so a removed background cannot be transparent",
                    fix: "name the rendition .png or .webp")
            }
        }
        if let tolerance = rendition.tolerance {
            if !(0...1).contains(tolerance) {
                fail(
                    "tolerance", "tolerance \(tolerance) is out of range",
                    fix: "use 0 (the exact colour only) to 1; 0.1 to 0.2 suits a flat key colour")
            }
            if rendition.removeBackground == nil {
                fail(
                    "tolerance", "'tolerance' applies to 'remove_background'",
                    fix: "add remove_background: \"#00FF00\" (the flat colour to remove), or remove 'tolerance'")
            }
        }
        guard ok else { return nil }
        return RenditionSpec(
            output: path, width: rendition.width, height: rendition.height, fit: fit, removeBackground: color,
            tolerance: rendition.tolerance ?? RenditionSpec.defaultTolerance,
            location: rendition.location("output") ?? asset.location("")
                ?? SourceLocation(file: manifest.displayPath, line: 1, column: 1))
    }
}
