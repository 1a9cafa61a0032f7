import AssetCache
import AssetGit
import AssetSupport
import Foundation

/// What `report` knows of the last `generate` run: its report, and the commit it started from.
package struct RunRecord: Sendable {
    package var report: RunReport
    /// The last commit generate-assets had made when the run started (else HEAD); nil outside git.
    package var baseline: String?
    package var finishedAt: Date
}

/// Records each `generate` run in the cache, so `report` can show what it changed.
enum RunHistory {
    /// The commit a run starts from: the last one generate-assets made (it carries a provenance note, or
    /// its message says so), else HEAD; nil outside a repository or on an unborn branch.
    static func baseline(projectRoot: String) -> String? {
        guard let repository = try? GitRepository.discover(at: projectRoot) else { return nil }
        if let made = try? repository.lastCommit(where: { isMadeByTool($0, in: repository) }) { return made.id.hex }
        return repository.isHeadUnborn ? nil : (try? repository.resolve("HEAD"))?.hex
    }

    static func isMadeByTool(_ commit: GitCommitInfo, in repository: GitRepository) -> Bool {
        repository.note(on: commit.id) != nil || commit.summary.hasPrefix("generate-assets:")
    }

    /// Keeps the report of a run that wrote or failed something (a no-op run would hide the last real one);
    /// a failure to record it never fails the run.
    static func record(_ report: RunReport, baseline: String?, cache: CacheStore) {
        guard report.assets.contains(where: { [.generated, .restored, .failed].contains($0.state) }),
            let data = try? JSONText.data(report)
        else { return }
        try? cache.recordRun(report: data, baseline: baseline)
    }

    /// The last run recorded in the cache, if any.
    static func last(cache: CacheStore?) -> RunRecord? {
        guard let (data, baseline, finished) = (try? cache?.lastRun()) ?? nil,
            let report = try? JSONDecoder().decode(RunReport.self, from: data)
        else { return nil }
        return RunRecord(report: report, baseline: baseline, finishedAt: finished)
    }
}
