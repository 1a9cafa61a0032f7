import AssetGit
import AssetManifest
import AssetSupport
import Foundation

/// Options of `report`.
package struct ReviewOptions: Sendable {
    /// The revision to compare with (default: where the last generate run started).
    package var since: String?
    /// The folder to write the page into (default: `.generate-assets/report` in the project).
    package var output: String?

    package init(since: String? = nil, output: String? = nil) {
        self.since = since
        self.output = output
    }
}

/// `report` (and `generate --report`): writes the review page, `index.html` and the images it shows, and
/// returns what it shows. It reads the project, git and the cache, and writes only into its own folder.
package enum ReviewRunner {
    package static let defaultFolder = StateFolder.name + "/report"

    package static func write(
        options: ProjectOptions, review: ReviewOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ReviewReport {
        let context = try ProjectContext(options: options, readOnly: true, environment: environment)
        let repository = try GitRepository.discover(at: context.project.root)
        let run = RunHistory.last(cache: context.cache)
        let (baseline, commit) = try resolveBaseline(since: review.since, repository: repository, run: run)
        let folder = outputFolder(review.output, options: options, root: context.project.root)
        if review.output == nil { try StateFolder.prepare(projectRoot: context.project.root) }
        let images = try ReviewImages(pageFolder: folder)
        let (assets, unchanged) = try ReviewCollector(
            context: context, repository: repository, commit: commit, run: run, images: images,
            noteCosts: repository.map(NoteSpend.imageCosts) ?? [:]
        ).collect()
        let report = ReviewReport(
            page: folder + "/index.html", project: context.project.root, since: baseline, writtenAt: Date().iso8601,
            lastRun: run.map {
                ReviewRun(
                    finishedAt: $0.finishedAt.iso8601, costUSD: $0.report.costUSD,
                    providerCalls: $0.report.stats.providerCalls)
            },
            assets: assets, unchanged: unchanged)
        try AtomicFileWriter.write(Data(ReviewPage.render(report).utf8), to: report.page)
        images.removeUnused()
        return report
    }

    /// The commit to compare with: `--since`, else where the last recorded run started, else the commit
    /// before generate-assets' last commit, else HEAD. Nil outside git or before the first commit.
    static func resolveBaseline(since: String?, repository: GitRepository?, run: RunRecord?) throws -> (
        ReviewBaseline, GitObjectID?
    ) {
        if let since, repository == nil {
            throw UserFacingError(
                "--since \(since) needs a git repository, and this project is not in one",
                fix: "leave out --since: every image is then shown as new")
        }
        guard let repository, !repository.isHeadUnborn else {
            let reason = repository == nil ? "not in a git repository, so every image is shown as new" : "no commit yet"
            return (ReviewBaseline(revision: since ?? "HEAD", commit: nil, summary: nil, reason: reason), nil)
        }
        func described(_ id: GitObjectID, _ revision: String, _ reason: String) throws -> (ReviewBaseline, GitObjectID?)
        {
            (
                ReviewBaseline(
                    revision: revision, commit: id.hex, summary: try repository.commitInfo(id).summary, reason: reason),
                id
            )
        }
        if let since {
            do {
                return try described(try repository.resolve(since), since, "given with --since")
            } catch let error as GitError {
                throw UserFacingError(
                    "cannot compare with '\(since)': \(error)", fix: "give a commit, branch or tag, such as HEAD~1")
            }
        }
        if let hex = run?.baseline, let id = try? repository.resolve(hex) {
            return try described(id, hex, "where the last generate run started")
        }
        if let made = try repository.lastCommit(where: { RunHistory.isMadeByTool($0, in: repository) }),
            let parent = try repository.parent(of: made.id)
        {
            return try described(parent, parent.hex, "the commit before generate-assets' last commit")
        }
        return try described(try repository.resolve("HEAD"), "HEAD", "HEAD")
    }

    /// `--output`, relative to the folder the command runs in; else the project's `.generate-assets/report`.
    static func outputFolder(_ output: String?, options: ProjectOptions, root: String) -> String {
        guard let output else { return root + "/" + defaultFolder }
        let base = URL(fileURLWithPath: options.directory ?? FileManager.default.currentDirectoryPath)
        return (output.hasPrefix("/") ? URL(fileURLWithPath: output) : base.appendingPathComponent(output))
            .standardizedFileURL.path
    }
}
