import AssetSupport
import Foundation

/// Reads and validates `assets.yml` in one call: either a `ResolvedProject` or every error at once.
package enum ManifestLoader {
    /// The lock file's name, beside the manifest.
    package static let lockFileName = "assets.lock"

    /// Loads the manifest at `path`. Nothing is written, whatever the outcome.
    /// - Returns: the project, with warnings in `warnings`.
    /// - Throws: `DiagnosticsError` holding every error found (and the warnings).
    /// The canonical folder of the manifest at `path`: the project root.
    package static func projectRoot(ofManifestAt path: String) -> String {
        ProjectPath.resolved(ProjectPath.parent(URL(fileURLWithPath: path).standardizedFileURL.path))
    }

    /// - Parameter now: the clock (nanoseconds since 1970) that times the `stat` of each output, which the
    ///   project hands on in `outputReadings`.
    package static func load(manifestAt path: String, now: @escaping () -> Int64 = { Date().nanosecondsSince1970 })
        throws -> ResolvedProject
    {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let root = projectRoot(ofManifestAt: path)
        let display = ProjectPath.name(absolute)
        guard let data = FileContents.read(absolute, limit: ManifestParser.maxBytes) else {
            let exists = FileManager.default.fileExists(atPath: absolute)
            throw DiagnosticsError([
                .error(
                    exists ? "cannot read \(path)" : "no manifest at \(path)",
                    fix: exists
                        ? "check the file's permissions"
                        : "run 'generate-assets init' to create one, or pass --manifest PATH"
                )
            ])
        }
        let (parsed, parseDiagnostics) = ManifestParser.parse(data, displayPath: display)
        Trace.mark("YAML parsed")
        guard let manifest = parsed else { throw DiagnosticsError(parseDiagnostics) }
        let validator = ProjectValidator(manifest: manifest, root: root, now: now)
        let project = validator.validate()
        let altTextFile = validator.resolvedAltTextFile()
        let diagnostics = (parseDiagnostics + validator.diagnostics).enumerated().sorted { a, b in
            let (l, r) = (a.element.location, b.element.location)
            return (l?.line ?? 0, l?.column ?? 0, a.offset) < (r?.line ?? 0, r?.column ?? 0, b.offset)
        }.map(\.element)
        guard let project, !diagnostics.hasErrors else { throw DiagnosticsError(diagnostics) }
        return ResolvedProject(
            root: root, manifestPath: display, lockPath: lockFileName, provider: manifest.provider, api: manifest.api,
            git: manifest.git,
            catalog: validator.catalog, assets: project, warnings: diagnostics.warnings,
            outputReadings: validator.outputReadings, altTextFile: altTextFile
        )
    }
}

/// Cross-checks a parsed manifest: ids, paths, references, models and the dependency graph.
final class ProjectValidator {
    let manifest: Manifest
    let root: String
    var diagnostics: [Diagnostic] = []
    /// Built-in models merged with the manifest's declarations; set first thing in `validate()`.
    var catalog = ModelCatalog.builtIn
    private var warned: Set<String> = []
    var referenceChecks: [String: ReferenceCheck] = [:]
    /// Declared ids, and output path → asset id, for constant-time reference checks.
    lazy var declaredIDs = Set(manifest.assets.map(\.id))
    var outputOwners: [String: String] = [:]
    /// The `stat` of each output, by normalized path.
    var outputReadings: [String: FileReading] = [:]
    let now: () -> Int64
    private var resolvedFolders: [String: String] = [:]
    /// Errors in a `defaults:` value, by key and message: reported once, naming the assets that inherit it.
    private var inherited: [String: (index: Int, ids: [String])] = [:]

    enum ReferenceCheck {
        case escapes, missing, directory, notImage
        case image(ImageFormat)
    }

    init(manifest: Manifest, root: String, now: @escaping () -> Int64) {
        self.manifest = manifest
        self.root = root
        self.now = now
    }

    func error(_ message: String, at location: SourceLocation?, key: String, fix: String? = nil) {
        diagnostics.append(.error(message, at: location, key: key, fix: fix))
    }

    /// An error in a value an asset inherits from `defaults:`: one diagnostic, at the value, naming every
    /// asset that inherits it (a dozen assets with `1k` in their defaults make one error, not a dozen).
    func inheritedError(_ message: String, by id: String, at location: SourceLocation?, key: String, fix: String) {
        let topic = key + "\u{0}" + message
        var seen = inherited[topic] ?? (diagnostics.count, [])
        seen.ids.append(id)
        let quoted = Listing.first(3, of: seen.ids.map { "'\($0)'" })
        let text = "\(message) (inherited by \(seen.ids.count == 1 ? "asset" : "assets") \(quoted))"
        if inherited[topic] == nil {
            error(text, at: location, key: key, fix: fix)
        } else {
            diagnostics[seen.index].message = text
        }
        inherited[topic] = seen
    }

    /// Adds the warning unless one with the same `topic` was already added.
    func warnOnce(_ topic: String, _ diagnostic: Diagnostic) {
        if warned.insert(topic).inserted { diagnostics.append(diagnostic) }
    }

    func validate() -> [ResolvedAsset]? {
        catalog = projectCatalog()
        checkUniqueIDs()
        let outputs = checkOutputs()
        for (id, path) in outputs { outputOwners[path] = id }
        let deliverables = checkDeliverables(outputs: outputs)
        // Declarations are read in place through a buffer: copying one (a score of references) per asset adds up.
        return manifest.assets.withUnsafeBufferPointer { declarations in
            var resolved = [ResolvedAsset?](repeating: nil, count: declarations.count)  // by declaration
            for index in declarations.indices where !declarations[index].id.isEmpty {
                resolved[index] = resolve(declarations[index], outputs: outputs)
            }
            let ordered = DependencyOrder.sort(&resolved, declarations: declarations, validator: self)
                .map { attachDeliverables($0, deliverables, outputs: outputs) }
            return diagnostics.hasErrors ? nil : ordered
        }
    }

    /// The canonical path of a project folder, resolved once per folder.
    func resolvedFolder(_ folder: String) -> String {
        if let known = resolvedFolders[folder] { return known }
        let resolved = ProjectPath.resolved(folder.isEmpty ? root : root + "/" + folder)
        resolvedFolders[folder] = resolved
        return resolved
    }

    func checkUniqueIDs() {
        var first: [String: Int] = [:]
        first.reserveCapacity(manifest.assets.count)
        manifest.assets.withUnsafeBufferPointer { assets in
            for index in assets.indices where !assets[index].id.isEmpty {
                let id = assets[index].id
                if let earlier = first.updateValue(index, forKey: id) {
                    first[id] = earlier
                    error(
                        "duplicate id '\(id)' (first declared on line \(assets[earlier].location("id")?.line ?? 0))",
                        at: assets[index].location("id"), key: "assets[\(id)].id", fix: "give each asset a unique id")
                }
            }
        }
    }

    /// Normalized outputs by asset id; reports bad and colliding outputs.
    func checkOutputs() -> [String: String] {
        var outputs: [String: String] = [:]
        outputs.reserveCapacity(manifest.assets.count)
        var owners: [String: Int] = [:]  // lower-cased output → index of the asset that has it
        manifest.assets.withUnsafeBufferPointer { assets in
            for index in assets.indices where !assets[index].output.isEmpty {
                checkOutput(assets[index], index: index, outputs: &outputs, owners: &owners)
            }
        }
        return outputs
    }

    /// Checks one output; a good one joins `outputs` (by id) and `owners` (lower-cased path → asset index).
    private func checkOutput(
        _ asset: AssetDeclaration, index: Int, outputs: inout [String: String], owners: inout [String: Int]
    ) {
        func key() -> String { "assets[\(asset.id)].output" }
        let at = asset.location("output")
        let path: String
        switch writablePath(asset.output, example: "Images/\(asset.id).png") {
        case .success(let normalized): path = normalized
        case .failure(let problem):
            error(problem.message, at: at, key: key(), fix: problem.fix)
            return
        }
        let isSet = CatalogPath.looksLikeSet(path)
        if isSet, let problem = catalogSetProblem(path) {
            error(problem.message, at: at, key: key(), fix: problem.fix)
            return
        }
        guard
            isSet
                || ImageFormat(fileExtension: ProjectPath.fileExtension(path)).map(ImageFormat.writable.contains)
                    == true
        else {
            error(
                "output '\(asset.output)' must end in .png, .jpg, .jpeg or .webp (or be an .imageset or .appiconset in an .xcassets folder)",
                at: at, key: key(),
                fix: "name the format to write, e.g. '\(ProjectPath.removingExtension(path)).png' (lossless) or '.jpg'")
            return
        }
        if !isSet {
            let reading = FileReading(root + "/" + path, now: now)
            outputReadings[path] = reading
            if reading.kind == .directory {
                error(
                    "output '\(asset.output)' is a folder", at: at, key: key(),
                    fix: "name a file inside it, e.g. '\(path)/\(asset.id).png'")
                return
            }
        }
        let folded = path.lowercased()
        if let other = owners[folded].map({ manifest.assets[$0] }) {
            error(
                "output '\(asset.output)' is also the output of '\(other.id)' (line \(other.location("output")?.line ?? 0))",
                at: at, key: key(),
                fix: "give each asset its own output file (names differing only in case collide on macOS and Windows)")
            return
        }
        owners[folded] = index
        outputs[asset.id] = path
    }
}
