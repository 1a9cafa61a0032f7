import Foundation

#if os(Linux)
    import CGit2Lazy
#else
    import CGit2
#endif

/// The result of `commit(paths:…)`.
package enum GitCommitOutcome: Sendable, Equatable {
    /// A commit with exactly these paths changed.
    case committed(GitObjectID, paths: [String], fallbackIdentity: Bool)
    /// Every path already matched HEAD: no empty commit.
    case nothingChanged
}

extension GitRepository {
    /// Commits exactly `paths` (work-tree files) on top of HEAD, whatever else is staged or modified.
    ///
    /// The tree is HEAD's tree with these files replaced, so the user's staged changes stay out of the commit
    /// and stay staged; the index is updated for these paths only. The commit object and its note are
    /// written before HEAD moves, so an interruption leaves at most unreachable objects, never a commit
    /// without its provenance. HEAD moves only if it still points where it did (compare-and-swap).
    /// - Parameters:
    ///   - companions: paths committed with `paths` when one of `paths` changed, never on their own (the
    ///     manifest that made the images).
    ///   - message: the commit message.
    ///   - note: given the paths that changed, the note to attach under `notesRef` (nil for none).
    package func commit(
        paths: [String], companions: [String] = [], message: ([String]) -> String,
        note: ([String]) throws -> String?
    ) throws -> GitCommitOutcome {
        var parentOID = git_oid()
        let hasParent = !isHeadUnborn
        if hasParent { try GitError.check(git_reference_name_to_id(&parentOID, handle, "HEAD"), "read HEAD") }
        var parent: OpaquePointer?
        if hasParent { try GitError.check(git_commit_lookup(&parent, handle, &parentOID), "read the HEAD commit") }
        defer { git_commit_free(parent) }

        let index = try self.index(of: parent)
        defer { git_index_free(index) }
        var changed: [String] = []
        var mainChanged = false
        for (position, path) in (paths + companions).enumerated() {
            if position == paths.count, !mainChanged { break }
            guard let data = FileManager.default.contents(atPath: workdir + path) else { continue }
            if try stage(data, at: path, in: index) {
                changed.append(path)
                if position < paths.count { mainChanged = true }
            }
        }
        guard mainChanged else { return .nothingChanged }

        let text = message(changed)
        var (commitOID, fallback) = try withSignature { signature, fallback in
            var commitOID = try commitObject(of: index, parent: parent, message: text, signature: signature)
            if let note = try note(changed) {
                var noteOID = git_oid()
                try GitError.check(
                    git_note_create(&noteOID, handle, Self.notesRef, signature, signature, &commitOID, note, 1),
                    "attach the provenance note")
            }
            return (commitOID, fallback)
        }
        try moveHead(to: &commitOID, from: hasParent ? parentOID : nil, summary: text)
        try stageInRealIndex(changed)
        return .committed(GitObjectID(commitOID), paths: changed, fallbackIdentity: fallback)
    }

    func moveHead(to commit: inout git_oid, from expected: git_oid?, summary: String) throws {
        let log = "commit: " + (summary.split(separator: "\n").first.map(String.init) ?? summary)
        if isHeadDetached {
            try GitError.check(git_repository_set_head_detached(handle, &commit), "move the detached HEAD")
            return
        }
        var head: OpaquePointer?
        try GitError.check(git_reference_lookup(&head, handle, "HEAD"), "read HEAD")
        defer { git_reference_free(head) }
        guard let target = git_reference_symbolic_target(head) else {
            throw GitError(operation: "read HEAD", code: -1, message: "HEAD is not a branch")
        }
        var updated: OpaquePointer?
        defer { git_reference_free(updated) }
        if var expected {
            try GitError.check(
                git_reference_create_matching(&updated, handle, target, &commit, 1, &expected, log),
                "move \(String(cString: target)) (did another commit land meanwhile? run again)")
        } else {
            try GitError.check(
                git_reference_create(&updated, handle, target, &commit, 0, log), "create \(String(cString: target))")
        }
    }

    /// Updates the repository's index for these paths only, so they do not show as modified.
    func stageInRealIndex(_ paths: [String]) throws {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, handle), "open the index")
        defer { git_index_free(index) }
        for path in paths { try GitError.check(git_index_add_bypath(index, path), "update the index for \(path)") }
        if let index { smudgeRacilyClean(index, except: Set(paths)) }
        try GitError.check(git_index_write(index), "write the index")
    }
}
