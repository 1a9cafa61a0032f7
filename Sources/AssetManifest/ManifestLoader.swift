import AssetSupport
import Foundation

/// Reads and validates `assets.yml` in one call: either a `ResolvedProject` or every error at once.
public enum ManifestLoader {
    /// The lock file's name, beside the manifest.
    public static let lockFileName = "assets.lock"

    /// Loads the manifest at `path`. Nothing is written, whatever the outcome.
    /// - Returns: the project, with warnings in `warnings`.
    /// - Throws: `DiagnosticsError` holding every error found (and the warnings).
    public static func load(manifestAt path: String) throws -> ResolvedProject {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let root = ProjectPath.resolved(ProjectPath.parent(absolute))
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
        let validator = ProjectValidator(manifest: manifest, root: root)
        let project = validator.validate()
        let diagnostics = (parseDiagnostics + validator.diagnostics).enumerated().sorted { a, b in
            let (l, r) = (a.element.location, b.element.location)
            return (l?.line ?? 0, l?.column ?? 0, a.offset) < (r?.line ?? 0, r?.column ?? 0, b.offset)
        }.map(\.element)
        guard let project, !diagnostics.hasErrors else { throw DiagnosticsError(diagnostics) }
        return ResolvedProject(
            root: root, manifestPath: display, lockPath: lockFileName, provider: manifest.provider, api: manifest.api,
            catalog: validator.catalog, assets: project, warnings: diagnostics.warnings
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
    private var resolvedFolders: [String: String] = [:]

    enum ReferenceCheck {
        case escapes, missing, directory, notImage
        case image(ImageFormat)
    }

    init(manifest: Manifest, root: String) {
        self.manifest = manifest
        self.root = root
    }

    func error(_ message: String, at location: SourceLocation?, key: String, fix: String? = nil) {
        diagnostics.append(.error(message, at: location, key: key, fix: fix))
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
        var resolved: [ResolvedAsset] = []
        for asset in manifest.assets where !asset.id.isEmpty {
            if let item = resolve(asset, outputs: outputs) { resolved.append(item) }
        }
        let ordered = DependencyOrder.sort(resolved, declarations: manifest.assets, validator: self)
            .map { attachDeliverables($0, deliverables, outputs: outputs) }
        return diagnostics.hasErrors ? nil : ordered
    }

    /// The canonical path of a project folder, resolved once per folder.
    func resolvedFolder(_ folder: String) -> String {
        if let known = resolvedFolders[folder] { return known }
        let resolved = ProjectPath.resolved(folder.isEmpty ? root : root + "/" + folder)
        resolvedFolders[folder] = resolved
        return resolved
    }

    func checkUniqueIDs() {
        var first: [String: AssetDeclaration] = [:]
        for asset in manifest.assets where !asset.id.isEmpty {
            if let earlier = first[asset.id] {
                error(
                    "duplicate id '\(asset.id)' (first declared on line \(earlier.location("id")?.line ?? 0))",
                    at: asset.location("id"), key: "assets[\(asset.id)].id", fix: "give each asset a unique id")
            } else {
                first[asset.id] = asset
            }
        }
    }

    /// Normalized outputs by asset id; reports bad and colliding outputs.
    func checkOutputs() -> [String: String] {
        var outputs: [String: String] = [:]
        var owners: [String: AssetDeclaration] = [:]
        for asset in manifest.assets where !asset.output.isEmpty {
            let key = "assets[\(asset.id)].output"
            let at = asset.location("output")
            let path: String
            switch writablePath(asset.output, example: "Images/\(asset.id).png") {
            case .success(let normalized): path = normalized
            case .failure(let problem):
                error(problem.message, at: at, key: key, fix: problem.fix)
                continue
            }
            let isSet = CatalogPath.looksLikeSet(path)
            if isSet, let problem = catalogSetProblem(path) {
                error(problem.message, at: at, key: key, fix: problem.fix)
                continue
            }
            guard
                isSet
                    || ImageFormat(fileExtension: ProjectPath.fileExtension(path)).map(ImageFormat.writable.contains)
                        == true
            else {
                error(
                    "output '\(asset.output)' must end in .png, .jpg, .jpeg or .webp (or be an .imageset or .appiconset in an .xcassets folder)",
                    at: at, key: key,
                    fix:
                        "name the format to write, e.g. '\(ProjectPath.removingExtension(path)).png' (lossless) or '.jpg'"
                )
                continue
            }
            if !isSet, FileKind(root + "/" + path) == .directory {
                error(
                    "output '\(asset.output)' is a folder", at: at, key: key,
                    fix: "name a file inside it, e.g. '\(path)/\(asset.id).png'")
                continue
            }
            let folded = path.lowercased()
            if let other = owners[folded] {
                error(
                    "output '\(asset.output)' is also the output of '\(other.id)' (line \(other.location("output")?.line ?? 0))",
                    at: at, key: key,
                    fix:
                        "give each asset its own output file (names differing only in case collide on macOS and Windows)"
                )
                continue
            }
            owners[folded] = asset
            outputs[asset.id] = path
        }
        return outputs
    }
}
