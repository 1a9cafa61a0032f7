import Foundation

#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

/// What merging another answers ref into `answersRef` did.
package enum AnswersMergeResult: Sendable, Equatable {
    /// Ours already held every answer of theirs (theirs is an ancestor, or the same commit).
    case upToDate
    /// Ours had nothing theirs lacks: it now points at their commit.
    case fastForward(added: Int)
    /// Both had answers of their own: a merge commit with both as parents holds the union.
    case merged(added: Int)
}

/// Answers refs that diverged (two people each stored answers, then fetched) join without a conflict: every
/// path is its content's hash, so the merge is the union of both trees.
extension GitRepository {
    /// Where `git fetch` is told to put a remote's answers ref (`+` allowed: the tool merges it).
    package static func remoteAnswersRef(_ remote: String) -> String {
        "refs/generate-assets/remotes/\(remote)/answers"
    }

    /// The remote answers refs in the repository (`refs/generate-assets/remotes/*/answers`), sorted.
    package func remoteAnswersRefs() throws -> [String] {
        var iterator: OpaquePointer?
        try GitError.check(
            git_reference_iterator_glob_new(&iterator, handle, "refs/generate-assets/remotes/*/answers"),
            "list the remote answers refs")
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while git_reference_next_name(&name, iterator) == 0, let name { names.append(String(cString: name)) }
        return names.sorted()
    }

    /// Merges the answers at `ref` into `answersRef` (created when absent), moving it by compare-and-swap.
    /// - Parameter accepts: checks one added answer's bytes against its name (the SHA-256 hex); an answer
    ///   that fails it stops the merge, so a damaged object never spreads.
    package func mergeAnswers(from ref: String, accepts: (String, Data) -> Bool) throws -> AnswersMergeResult {
        var theirs = git_oid()
        try GitError.check(git_reference_name_to_id(&theirs, handle, ref), "read \(ref)")
        var ours = git_oid()
        guard git_reference_name_to_id(&ours, handle, Self.answersRef) == 0 else {
            let added = try checkAnswers(at: theirs, except: [:], accepts: accepts)
            try moveAnswersRef(to: &theirs, from: nil, message: "generate-assets: answers from \(ref)")
            return .fastForward(added: added.count)
        }
        if git_oid_equal(&ours, &theirs) == 1 || git_graph_descendant_of(handle, &ours, &theirs) == 1 {
            return .upToDate
        }
        let mine = try answerPaths(at: ours)
        let added = try checkAnswers(at: theirs, except: mine, accepts: accepts)
        if git_graph_descendant_of(handle, &theirs, &ours) == 1 {
            try moveAnswersRef(to: &theirs, from: &ours, message: "generate-assets: answers from \(ref)")
            return .fastForward(added: added.count)
        }
        var merge = try unionCommit(
            ours: ours, theirs: theirs, adding: added, message: "generate-assets: merge answers from \(ref)")
        try moveAnswersRef(to: &merge, from: &ours, message: "generate-assets: merge answers from \(ref)")
        return .merged(added: added.count)
    }

    /// The paths (`ab/abcdef…`) of the answers at a commit, with their blob ids.
    private func answerPaths(at commitID: git_oid) throws -> [String: git_oid] {
        var id = commitID
        var commit: OpaquePointer?
        try GitError.check(git_commit_lookup(&commit, handle, &id), "read the answers commit")
        defer { git_commit_free(commit) }
        let index = try self.index(of: commit)
        defer { git_index_free(index) }
        var paths: [String: git_oid] = [:]
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position) else { continue }
            paths[String(cString: entry.pointee.path)] = entry.pointee.id
        }
        return paths
    }

    /// Checks each answer at `commitID` that `mine` lacks; returns them. The same path with other bytes is refused.
    private func checkAnswers(
        at commitID: git_oid, except mine: [String: git_oid], accepts: (String, Data) -> Bool
    ) throws -> [String: git_oid] {
        var added: [String: git_oid] = [:]
        for (path, var blobID) in try answerPaths(at: commitID) {
            if var existing = mine[path] {
                guard git_oid_equal(&existing, &blobID) == 1 else {
                    throw GitError(
                        operation: "merge answers", code: -1, message: "\(path) differs between the two refs")
                }
                continue
            }
            var blob: OpaquePointer?
            try GitError.check(git_blob_lookup(&blob, handle, &blobID), "read answer \(path)")
            defer { git_blob_free(blob) }
            let data = Data(bytes: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
            guard accepts(String(path.split(separator: "/").last ?? ""), data) else {
                throw GitError(
                    operation: "merge answers", code: -1, message: "\(path) does not hold the image its name says")
            }
            added[path] = blobID
        }
        return added
    }

    /// A commit whose tree is ours plus `added`, with ours and theirs as parents.
    private func unionCommit(ours: git_oid, theirs: git_oid, adding added: [String: git_oid], message: String) throws
        -> git_oid
    {
        var oursID = ours
        var theirsID = theirs
        var mine: OpaquePointer?
        var their: OpaquePointer?
        try GitError.check(git_commit_lookup(&mine, handle, &oursID), "read \(Self.answersRef)")
        defer { git_commit_free(mine) }
        try GitError.check(git_commit_lookup(&their, handle, &theirsID), "read the other answers commit")
        defer { git_commit_free(their) }
        let index = try self.index(of: mine)
        defer { git_index_free(index) }
        for (path, blobID) in added.sorted(by: { $0.key < $1.key }) {
            var entry = git_index_entry()
            entry.mode = 0o100644
            entry.id = blobID
            try path.withCString { cPath in
                entry.path = cPath
                try GitError.check(git_index_add(index, &entry), "stage \(path)")
            }
        }
        return try withSignature { signature, _ in
            try commitObject(of: index, parents: [mine, their], message: message, signature: signature)
        }
    }

    /// Points `answersRef` at `target`, only if it still points at `current` (nil: only if it is absent).
    private func moveAnswersRef(to target: inout git_oid, from current: UnsafeMutablePointer<git_oid>?, message: String)
        throws
    {
        var updated: OpaquePointer?
        defer { git_reference_free(updated) }
        if let current {
            try GitError.check(
                git_reference_create_matching(&updated, handle, Self.answersRef, &target, 1, current, message),
                "move \(Self.answersRef) (did a run store answers meanwhile? merge again)")
        } else {
            try GitError.check(
                git_reference_create(&updated, handle, Self.answersRef, &target, 0, message),
                "create \(Self.answersRef)")
        }
    }
}
