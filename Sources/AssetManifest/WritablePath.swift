import AssetSupport

/// Why generate-assets must not write at a path the manifest names.
struct PathProblem: Error {
    var message: String
    var fix: String
}

extension ProjectValidator {
    /// `raw` normalized, if generate-assets may write there: inside the project (no `..`, no symbolic link
    /// out), outside `.git/` and the cache, and not the manifest or the lock.
    /// - Parameter example: a good path for this file, for the fixes.
    func writablePath(_ raw: String, example: String) -> Result<String, PathProblem> {
        guard let path = ProjectPath.normalize(raw) else {
            return .failure(
                PathProblem(
                    message: "output '\(raw)' is outside the project",
                    fix:
                        "use a path relative to the manifest's folder that does not climb out with '..', e.g. '\(example)'"
                ))
        }
        guard ProjectPath.isInside(resolvedFolder(ProjectPath.parent(path)) + "/" + ProjectPath.name(path), root: root)
        else {
            return .failure(
                PathProblem(
                    message: "output '\(raw)' leaves the project through a symbolic link",
                    fix: "write outputs to a real folder inside the project"))
        }
        let first = path.prefix { $0 != "/" }
        if first == ".git" || first == StateFolder.name {
            return .failure(
                PathProblem(
                    message: "output '\(raw)' is inside \(first)/, which generate-assets does not write to",
                    fix: "choose a folder such as Images/"))
        }
        if path == manifest.displayPath || path == ManifestLoader.lockFileName {
            return .failure(
                PathProblem(
                    message: "output '\(raw)' would overwrite \(path)",
                    fix: "choose another file name, e.g. '\(example)'"))
        }
        return .success(path)
    }

    /// Why an output naming an `.imageset` or `.appiconset` folder cannot be written there, if it cannot.
    func catalogSetProblem(_ path: String) -> PathProblem? {
        let name = ProjectPath.name(path)
        guard CatalogPath.catalogFolder(of: path) != nil else {
            return PathProblem(
                message: "output '\(path)' is an asset-catalog set outside any .xcassets folder",
                fix: "put it inside a catalog folder, e.g. 'Assets.xcassets/\(name)'")
        }
        if FileKind(root + "/" + path) == .file {
            return PathProblem(
                message: "output '\(path)' is a file, but an .\(ProjectPath.fileExtension(path)) is a folder",
                fix: "move the file away, or choose another name for the set")
        }
        return nil
    }
}
