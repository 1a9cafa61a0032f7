import AssetSupport

extension ProjectValidator {
    /// Gives each resolved asset its renditions and catalog set, and adds each appearance of a set as an
    /// asset of its own (`logo.dark`: its own fingerprint, cache entry and lock entry), placed after the set's
    /// asset and everything it references. Nothing can reference an appearance, so the order stays valid.
    func attachDeliverables(
        _ ordered: [ResolvedAsset], _ deliverables: [String: Deliverables], outputs: [String: String]
    ) -> [ResolvedAsset] {
        guard !deliverables.isEmpty else { return ordered }
        let declarations = Dictionary(manifest.assets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [ResolvedAsset] = []
        var members: [ResolvedAsset] = []
        for var asset in ordered {
            guard let extra = deliverables[asset.id], let declaration = declarations[asset.id] else {
                result.append(asset)
                continue
            }
            asset.renditions = (extra.setFiles[""] ?? []) + extra.renditions
            warnIfCropped(asset, files: extra.setFiles[""] ?? [])
            if let set = extra.set {
                asset.catalog = CatalogMembership(kind: set.kind, folder: set.folder, primary: asset.id, set: set)
            }
            result.append(asset)
            guard let set = extra.set else { continue }
            for appearance in declaration.appearances {
                guard var member = resolveAppearance(appearance, of: declaration, outputs: outputs) else { continue }
                member.renditions = extra.setFiles[appearance.name] ?? []
                warnIfCropped(member, files: member.renditions)
                member.catalog = CatalogMembership(
                    kind: set.kind, folder: set.folder, primary: asset.id, appearance: appearance.name)
                members.append(member)
            }
        }
        var placed: [String: [String]] = [:]
        for member in members {
            let primary = member.catalog?.primary ?? ""
            let after =
                ([primary] + member.dependencies + placed[primary, default: []]).compactMap { id in
                    result.firstIndex { $0.id == id }
                }.max() ?? result.count - 1
            result.insert(member, at: after + 1)
            placed[primary, default: []].append(member.id)
        }
        return result
    }

    /// Resolves an appearance as an asset: the set's asset with the appearance's prompt, styles, references
    /// and config laid over it. Errors point at the appearance's own lines where it set the value.
    func resolveAppearance(_ appearance: AppearanceDeclaration, of asset: AssetDeclaration, outputs: [String: String])
        -> ResolvedAsset?
    {
        var member = asset
        member.id = "\(asset.id).\(appearance.name)"
        member.locations[""] = appearance.location("")
        if let prompt = appearance.prompt {
            member.prompt = prompt
            member.locations["prompt"] = appearance.locations["prompt"]
        }
        if let styles = appearance.styles {
            member.styles = styles
            member.locations["style"] = appearance.locations["style"] ?? appearance.locations["styles"]
        }
        if let references = appearance.references {
            member.references = references
            member.locations["references"] = appearance.locations["references"]
        }
        if let config = appearance.config {
            member.config.values = asset.config.values.overlaid(by: config.values)
            member.config.locations.merge(config.locations) { _, own in own }
        }
        member.renditions = []
        member.appearances = []
        var memberOutputs = outputs
        memberOutputs[member.id] = outputs[asset.id]
        return resolve(member, outputs: memberOutputs)
    }

    /// A set's files have a fixed shape (the point size's, or a square icon); an image of another shape is
    /// cropped from the centre to fill it, which is worth a warning.
    func warnIfCropped(_ asset: ResolvedAsset, files: [RenditionSpec]) {
        guard let file = files.first, let width = file.width, let height = file.height else { return }
        let parts = (asset.config.aspectRatio ?? "1:1").split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[1] > 0 else { return }
        let (image, set) = (parts[0] / parts[1], Double(width) / Double(height))
        guard abs(image - set) / set > 0.02 else { return }
        warnOnce(
            "cropped \(asset.id)",
            .warning(
                "the image is \(asset.config.aspectRatio ?? "1:1") but the set's files are \(width)×\(height): they are cropped from the centre",
                at: asset.location, key: "assets[\(asset.id)].config.aspect_ratio",
                fix: "set an aspect_ratio close to \(width):\(height), or change point_size to the image's shape"))
    }
}
