import Foundation

#if os(Linux)
    import CGit2Lazy
#else
    import CGit2
#endif

extension GitRepository {
    /// The newest commit reachable from HEAD, along first parents, for which `matches` is true; nil when
    /// none is among the first `limit` (or HEAD is unborn).
    package func lastCommit(limit: Int = 500, where matches: (GitCommitInfo) -> Bool) throws -> GitCommitInfo? {
        guard !isHeadUnborn else { return nil }
        var next: GitObjectID? = try resolve("HEAD")
        var seen = 0
        while let id = next, seen < limit {
            let commit = try commitInfo(id)
            if matches(commit) { return commit }
            next = try parent(of: id)
            seen += 1
        }
        return nil
    }

    /// A commit's first parent; nil for a root commit.
    package func parent(of id: GitObjectID) throws -> GitObjectID? {
        try withCommit(id) { commit in
            guard git_commit_parentcount(commit) > 0 else { return nil }
            return git_commit_parent_id(commit, 0).map { GitObjectID($0.pointee) }
        }
    }

    /// The commit `id` describes.
    package func commitInfo(_ id: GitObjectID) throws -> GitCommitInfo {
        try withCommit(id) { info($0) }
    }
}
