import Foundation

#if os(Linux)
    import CGit2Lazy
#else
    import CGit2
#endif

/// The git repository around a project, through libgit2. Paths given to it are relative to the work tree.
package final class GitRepository {
    /// Where git keeps generate-assets' provenance notes.
    package static let notesRef = "refs/notes/generate-assets"

    let handle: OpaquePointer
    /// The work tree, with a trailing slash.
    package let workdir: String

    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    /// Finds the repository containing `path`; nil when there is none (or it is bare).
    package static func discover(at path: String) throws -> GitRepository? {
        _ = initialized
        var repo: OpaquePointer?
        let status = git_repository_open_ext(&repo, path, 0, nil)
        if status == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(status, "open the repository at \(path)")
        guard let repo, let workdir = git_repository_workdir(repo) else {
            git_repository_free(repo)
            return nil
        }
        return GitRepository(handle: repo, workdir: String(cString: workdir))
    }

    init(handle: OpaquePointer, workdir: String) {
        self.handle = handle
        self.workdir = workdir
    }

    deinit { git_repository_free(handle) }

    /// A merge, rebase, cherry-pick or similar in progress, by name; nil when the repository is at rest.
    package var operationInProgress: String? {
        let state = git_repository_state(handle)
        switch git_repository_state_t(rawValue: UInt32(state)) {
        case GIT_REPOSITORY_STATE_NONE: return nil
        case GIT_REPOSITORY_STATE_MERGE: return "a merge"
        case GIT_REPOSITORY_STATE_REVERT, GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert"
        case GIT_REPOSITORY_STATE_CHERRYPICK, GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick"
        case GIT_REPOSITORY_STATE_BISECT: return "a bisect"
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX, GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "git am"
        default: return "a rebase"
        }
    }

    package var isHeadUnborn: Bool { git_repository_head_unborn(handle) == 1 }
    package var isHeadDetached: Bool { git_repository_head_detached(handle) == 1 }

    /// True when .gitignore hides `path`.
    package func isIgnored(_ path: String) -> Bool {
        var ignored: Int32 = 0
        return git_ignore_path_is_ignored(&ignored, handle, path) == 0 && ignored == 1
    }

    /// True when `path` is not as HEAD has it: changed in the index or the work tree, or not tracked.
    package func hasUncommittedChanges(_ path: String) -> Bool {
        var flags: UInt32 = 0
        guard git_status_file(&flags, handle, path) == 0 else { return false }
        return flags != GIT_STATUS_CURRENT.rawValue && flags != GIT_STATUS_IGNORED.rawValue
    }

    /// Resolves a revision (`HEAD`, `main~2`, an id) to a commit.
    package func resolve(_ revision: String) throws -> GitObjectID {
        var object: OpaquePointer?
        try GitError.check(git_revparse_single(&object, handle, revision), "find revision '\(revision)'")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try GitError.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "read '\(revision)' as a commit")
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }

    /// Runs `body` with a commit; the pointer is freed afterwards.
    func withCommit<T>(_ id: GitObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        try GitError.check(git_commit_lookup(&commit, handle, &oid), "read commit \(id.short)")
        defer { git_commit_free(commit) }
        return try body(commit!)
    }

    func info(_ commit: OpaquePointer) -> GitCommitInfo {
        let author = git_commit_author(commit)!.pointee
        return GitCommitInfo(
            id: GitObjectID(git_commit_id(commit).pointee),
            summary: git_commit_summary(commit).map { String(cString: $0) } ?? "",
            authorName: String(cString: author.name), authorEmail: String(cString: author.email),
            time: Date(timeIntervalSince1970: TimeInterval(author.when.time)))
    }

    /// The blob id of `path` in a commit's tree; nil when absent.
    func blobID(of path: String, in commit: OpaquePointer) -> git_oid? {
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commit) == 0 else { return nil }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        // A folder at that path (an asset-catalog set, say) is not a file's version.
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return git_tree_entry_id(entry).pointee
    }

    /// The bytes of `path` at a commit; nil when absent.
    package func contents(of path: String, at id: GitObjectID) throws -> Data? {
        try withCommit(id) { commit in
            guard var oid = blobID(of: path, in: commit) else { return nil }
            var blob: OpaquePointer?
            try GitError.check(git_blob_lookup(&blob, handle, &oid), "read \(path)")
            defer { git_blob_free(blob) }
            return Data(bytes: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
        }
    }

    /// The provenance note on a commit, if any.
    package func note(on id: GitObjectID) -> String? {
        var oid = id.oid
        var note: OpaquePointer?
        guard git_note_read(&note, handle, Self.notesRef, &oid) == 0 else { return nil }
        defer { git_note_free(note) }
        return git_note_message(note).map { String(cString: $0) }
    }

    /// True when the notes ref exists at all (it is not fetched by default).
    package var hasNotesRef: Bool {
        var oid = git_oid()
        return git_reference_name_to_id(&oid, handle, Self.notesRef) == 0
    }

    /// Commits reachable from `start` that changed `path` (added, modified or deleted), newest first.
    /// True when both are absent or both name the same blob.
    static func same(_ a: git_oid?, _ b: git_oid?) -> Bool {
        guard var a, var b else { return a == nil && b == nil }
        return git_oid_equal(&a, &b) != 0
    }

    package func history(of path: String, from start: GitObjectID, limit: Int = 10_000) throws -> [GitCommitInfo] {
        try histories(of: [path], from: start, limit: limit)[path] ?? []
    }

    /// `history(of:)` for several paths in one walk (each commit is read once, not once per path): for each
    /// path, at most `limit` commits that changed it, newest first.
    package func histories(of paths: [String], from start: GitObjectID, limit: Int = 10_000) throws
        -> [String: [GitCommitInfo]]
    {
        var found = Dictionary(paths.map { ($0, [GitCommitInfo]()) }, uniquingKeysWith: { first, _ in first })
        var open = Set(paths)
        var walk: OpaquePointer?
        try GitError.check(git_revwalk_new(&walk, handle), "walk history")
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        var oid = start.oid
        try GitError.check(git_revwalk_push(walk, &oid), "walk from \(start.short)")
        var next = git_oid()
        while !open.isEmpty, git_revwalk_next(&next, walk) == 0 {
            let (changed, commitInfo): (Set<String>, GitCommitInfo?) = try withCommit(GitObjectID(next)) { commit in
                let changed = open.filter { changes($0, in: commit) }
                return (changed, changed.isEmpty ? nil : info(commit))
            }
            guard let commitInfo else { continue }
            for path in changed {
                found[path, default: []].append(commitInfo)
                if found[path, default: []].count >= limit { open.remove(path) }
            }
        }
        return found
    }

    /// True when `commit` changed `path` (added, modified or deleted). A version is a commit whose file differs
    /// from every parent's: a merge that took the file as one side had it is not one (the side's own commit is,
    /// with its note).
    func changes(_ path: String, in commit: OpaquePointer) -> Bool {
        let mine = blobID(of: path, in: commit)
        let parents = git_commit_parentcount(commit)
        guard parents > 0 else { return mine != nil }
        for index in 0..<parents {
            var parent: OpaquePointer?
            guard git_commit_parent(&parent, commit, index) == 0, let parent else { continue }
            defer { git_commit_free(parent) }
            if Self.same(mine, blobID(of: path, in: parent)) { return false }
        }
        return true
    }
}
