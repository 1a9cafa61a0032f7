import AssetGit
import AssetManifest
import AssetProvenance
import AssetSupport
import Foundation

/// `show` and `log`: finds the project, its repository and the asset, then reads its history (`ProvenanceHistory`).
package enum HistoryReader {
    /// Every committed version of `target` (an asset id or an output path), newest first.
    package static func log(
        options: ProjectOptions, target: String, from revision: String = "HEAD", limit: Int = 10_000
    )
        throws -> AssetHistory
    {
        let (repository, id, path, prefix) = try locate(options: options, target: target)
        let history = try ProvenanceHistory.log(
            repository: repository, id: id, path: path, prefix: prefix, from: revision, limit: limit)
        if history.versions.isEmpty, id == nil { throw try unknown(target, options: options) }
        return history
    }

    /// The version of `target` current at `revision`.
    package static func show(options: ProjectOptions, target: String, revision: String = "HEAD") throws -> AssetHistory
    {
        var history = try log(options: options, target: target, from: revision, limit: 2)
        guard !history.versions.isEmpty else {
            throw UserFacingError(
                "\(history.path) has no committed version at \(revision)",
                fix: "run 'generate-assets' in a git work tree to commit it, or check the revision")
        }
        history.versions = Array(history.versions.prefix(1))
        return history
    }

    /// `target` names no asset and no file with a history.
    static func unknown(_ target: String, options: ProjectOptions) throws -> UserFacingError {
        let project = try? ManifestLoader.load(manifestAt: try ProjectContext.locateManifest(options))
        return UserFacingError(
            "'\(target)' is neither an asset id nor a file with a committed version in the project",
            fix: project.map { Suggestion.hint(for: target, in: $0.assets.map(\.id)) }
                ?? "give an asset id or an output path such as Images/fox.png")
    }

    /// The repository, the asset id (when known), its output path relative to the project, and the
    /// project's path inside the work tree.
    static func locate(options: ProjectOptions, target: String) throws -> (GitRepository, String?, String, String) {
        let manifestPath = try ProjectContext.locateManifest(options)
        let root = ProjectPath.resolved(ProjectPath.parent(manifestPath))
        guard let repository = try GitRepository.discover(at: root) else {
            throw UserFacingError(
                "\(root) is not in a git repository",
                fix: "history is read from git; run 'git init' and generate to start recording it")
        }
        let prefix = repository.prefix(of: root)
        let project = try? ManifestLoader.load(manifestAt: manifestPath)
        if let asset = project?.asset(target) { return (repository, asset.id, asset.historyPath, prefix) }
        let cwd = URL(fileURLWithPath: options.directory ?? FileManager.default.currentDirectoryPath)
            .standardizedFileURL.path
        let absolute = target.hasPrefix("/") ? target : ProjectPath.resolved(cwd + "/" + target)
        guard ProjectPath.isInside(absolute, root: root), absolute != root else {
            throw try unknown(target, options: options)
        }
        let path = String(absolute.dropFirst(root.count + 1))
        return (
            repository, project?.assets.first { $0.output == path || $0.writtenFiles.contains(path) }?.id, path, prefix
        )
    }
}
