import AssetSupport
import Foundation

extension ProjectValidator {
    static let maxPromptCharacters = 100_000

    /// Checks one asset's prompt, styles and references, then its config against its model.
    func resolve(_ asset: AssetDeclaration, outputs: [String: String]) -> ResolvedAsset? {
        func key() -> String { "assets[\(asset.id)]" }
        // A character takes at least one UTF-8 byte: only a long prompt needs counting.
        if asset.prompt.utf8.count > Self.maxPromptCharacters, asset.prompt.count > Self.maxPromptCharacters {
            error(
                "the prompt has \(asset.prompt.count) characters; the limit is \(Self.maxPromptCharacters)",
                at: asset.location("prompt"), key: "\(key()).prompt",
                fix: "shorten it; move shared wording into a style")
        }
        var styleTexts: [String] = []
        for style in asset.styles {
            if let text = manifest.styles[style] {
                styleTexts.append(text)
            } else {
                error(
                    "unknown style '\(style)'", at: asset.location("style") ?? asset.location("styles"),
                    key: "\(key()).style",
                    fix: manifest.styles.isEmpty
                        ? "declare it under a top-level 'styles:' mapping"
                        : Suggestion.hint(for: style, in: manifest.styles.keys.sorted()))
            }
        }
        let references = asset.references.enumerated().compactMap { index, reference in
            resolveReference(reference, of: asset, index: index, outputs: outputs)
        }
        guard let output = outputs[asset.id] else { return nil }
        let config = ConfigValidator(validator: self, asset: asset, defaults: manifest.defaults)
        guard let (effective, model) = config.check(referenceCount: asset.references.count) else { return nil }
        let pixelSize = model?.pixelSize(aspectRatio: effective.aspectRatio ?? "1:1", imageSize: effective.imageSize)
        var resolved = ResolvedAsset(
            id: asset.id, output: output, prompt: PromptComposer.compose(prompt: asset.prompt, styles: styleTexts),
            references: references, config: effective, model: model, pixelSize: pixelSize,
            location: asset.location("") ?? SourceLocation(file: manifest.displayPath, line: 1, column: 1))
        resolved.variants = asset.variants
        resolved.frozen = asset.frozen
        if !asset.edits.isEmpty { resolved.edits = resolveEdits(asset, resolved: resolved) }
        resolveChecks(asset, into: &resolved)
        return resolved
    }

    func resolveReference(
        _ reference: ReferenceDeclaration, of asset: AssetDeclaration, index: Int, outputs: [String: String],
        key named: String? = nil
    ) -> ResolvedReference? {
        func key() -> String { named ?? "assets[\(asset.id)].references[\(index)]" }
        switch reference.kind {
        case .asset(let id):
            if id == asset.id {
                error(
                    "asset '\(id)' refers to itself", at: reference.location, key: key(), fix: "remove this reference")
                return nil
            }
            guard declaredIDs.contains(id) else {
                error(
                    "no asset with id '\(id)'", at: reference.location, key: key(),
                    fix: Suggestion.hint(for: id, in: manifest.assets.map(\.id)))
                return nil
            }
            return .asset(id: id)
        case .file(let raw):
            guard let path = ProjectPath.normalize(raw) else {
                error(
                    "reference '\(raw)' is outside the project", at: reference.location, key: key(),
                    fix: "copy the file into the project and use a path relative to the manifest's folder")
                return nil
            }
            if let owner = outputOwners[path] {
                error(
                    "reference '\(raw)' is the output of asset '\(owner)'", at: reference.location, key: key(),
                    fix: "write '- asset: \(owner)' so the dependency is tracked")
                return nil
            }
            switch check(path) {
            case .escapes:
                error(
                    "reference '\(raw)' leaves the project through a symbolic link", at: reference.location, key: key(),
                    fix: "copy the file into the project instead of linking to it")
                return nil
            case .missing:
                error(
                    "reference '\(raw)' does not exist", at: reference.location, key: key(), fix: missingFileFix(path))
                return nil
            case .directory:
                error(
                    "reference '\(raw)' is a folder", at: reference.location, key: key(),
                    fix: "name an image file inside it")
                return nil
            case .notImage:
                error(
                    "reference '\(raw)' is not an image: its bytes are not PNG, JPEG, WebP, HEIC or HEIF",
                    at: reference.location, key: key(),
                    fix: "export it as PNG or JPEG")
                return nil
            case .image(let format):
                return .file(path: path, format: format)
            }
        }
    }

    /// What a referenced file is; each distinct path is checked once however many assets use it.
    func check(_ path: String) -> ReferenceCheck {
        if let known = referenceChecks[path] { return known }
        let absolute = root + "/" + path
        let result: ReferenceCheck
        if !ProjectPath.isInside(ProjectPath.resolved(absolute), root: root) {
            result = .escapes
        } else {
            switch FileKind(absolute) {
            case .missing: result = .missing
            case .directory: result = .directory
            default: result = ImageFormat.sniff(fileAt: absolute).map { .image($0) } ?? .notImage
            }
        }
        referenceChecks[path] = result
        return result
    }

    func missingFileFix(_ path: String) -> String {
        let folder = ProjectPath.parent(path)
        let name = ProjectPath.name(path)
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
        if let match = Suggestion.closest(to: name, in: siblings) {
            return "did you mean '\(folder.isEmpty ? match : folder + "/" + match)'?"
        }
        return "check the path; it is relative to the manifest's folder"
    }
}

/// Orders assets upstream-first and reports cycles with their full path. It works on the declared graph,
/// so a cycle is reported even when other errors keep some assets from resolving.
enum DependencyOrder {
    /// - Parameter resolved: the resolved asset of each declaration (nil: not resolved, or an empty id);
    ///   the ordered ones are moved out of it, not copied.
    static func sort(
        _ resolved: inout [ResolvedAsset?], declarations: UnsafeBufferPointer<AssetDeclaration>,
        validator: ProjectValidator
    ) -> [ResolvedAsset]? {
        // The graph by declaration index: the first declaration of each id, and its `asset:` references
        // that name a declared id.
        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(declarations.count)
        for index in declarations.indices
        where !declarations[index].id.isEmpty && indexOf[declarations[index].id] == nil {
            indexOf[declarations[index].id] = index
        }
        var edges = [[Int]](repeating: [], count: declarations.count)
        for index in indexOf.values {
            // An edit's `asset:` references order the chain after those assets too.
            let references = declarations[index].references + declarations[index].edits.flatMap(\.references)
            edges[index] = references.compactMap {
                if case .asset(let id) = $0.kind { indexOf[id] } else { nil }
            }
        }
        var state = [UInt8](repeating: 0, count: declarations.count)  // 1 visiting, 2 done
        var order: [Int] = []
        order.reserveCapacity(indexOf.count)
        var path: [Int] = []  // the declarations being visited, outermost first
        var reported = false
        func visit(_ node: Int) {
            guard state[node] != 2 else { return }
            if state[node] == 1 {
                guard !reported else { return }
                reported = true
                let cycle = (path.drop { $0 != node } + [node]).map { declarations[$0].id }
                let last = path.last
                validator.error(
                    "dependency cycle: \(cycle.joined(separator: " → "))",
                    at: last.flatMap { declarations[$0].location("references") },
                    key: "assets[\(last.map { declarations[$0].id } ?? declarations[node].id)].references",
                    fix: "remove one of these 'asset:' references; an image cannot depend on itself")
                return
            }
            state[node] = 1
            path.append(node)
            for dependency in edges[node] where dependency != node { visit(dependency) }
            path.removeLast()
            state[node] = 2
            order.append(node)
        }
        for index in declarations.indices {
            if let node = indexOf[declarations[index].id] { visit(node) }
        }
        guard !reported else { return nil }
        // Each id's first resolved asset, as ordered.
        var firstResolved: [String: Int] = [:]
        firstResolved.reserveCapacity(indexOf.count)
        for index in resolved.indices where resolved[index] != nil && firstResolved[declarations[index].id] == nil {
            firstResolved[declarations[index].id] = index
        }
        return order.compactMap { firstResolved[declarations[$0].id].flatMap { resolved[$0].take() } }
    }
}
