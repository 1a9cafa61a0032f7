import Foundation

#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

/// Images a clone needs that no committed file holds (a catalog set's generated image, the answer behind a
/// converted output, every variant of an asset with several), kept as blobs in a tree of their own, named by
/// their SHA-256 (`ab/abcdef…`), at the commit `answersRef` points to. A team pushes and fetches that ref
/// beside the notes ref; the objects are stored once, however many commits use them.
extension GitRepository {
    /// The ref whose tree holds the answers.
    package static let answersRef = "refs/generate-assets/answers"

    /// The path of an answer in the tree.
    static func answerPath(_ sha256: String) -> String { String(sha256.prefix(2)) + "/" + sha256 }

    /// Adds the answers the tree does not hold yet, in one commit on `answersRef` (compare-and-swap). Only
    /// those are read, so a run whose answers are all stored reads none.
    /// - Parameters:
    ///   - answers: SHA-256s (hex); `bytes` gives each one's bytes (checked by the caller), nil when it has none.
    /// - Returns: how many were added.
    @discardableResult
    package func storeAnswers(_ answers: Set<String>, bytes: (String) -> Data?) throws -> Int {
        guard !answers.isEmpty else { return 0 }
        var parentOID = git_oid()
        let hasParent = git_reference_name_to_id(&parentOID, handle, Self.answersRef) == 0
        var parent: OpaquePointer?
        if hasParent {
            try GitError.check(git_commit_lookup(&parent, handle, &parentOID), "read \(Self.answersRef)")
        }
        defer { git_commit_free(parent) }
        let index = try self.index(of: parent)
        defer { git_index_free(index) }
        var added = 0
        for sha256 in answers.sorted() {
            let path = Self.answerPath(sha256)
            if git_index_get_bypath(index, path, 0) != nil { continue }
            guard let data = bytes(sha256) else { continue }
            if try stage(data, at: path, in: index) { added += 1 }
        }
        guard added > 0 else { return 0 }
        let message = "generate-assets: \(added) answer\(added == 1 ? "" : "s")"
        var commitOID = try withSignature { signature, _ in
            try commitObject(of: index, parent: parent, message: message, signature: signature)
        }
        var updated: OpaquePointer?
        defer { git_reference_free(updated) }
        if hasParent {
            try GitError.check(
                git_reference_create_matching(&updated, handle, Self.answersRef, &commitOID, 1, &parentOID, message),
                "move \(Self.answersRef) (did another run store answers meanwhile? run again)")
        } else {
            try GitError.check(
                git_reference_create(&updated, handle, Self.answersRef, &commitOID, 0, message),
                "create \(Self.answersRef)")
        }
        return added
    }

    /// The bytes stored under `sha256` (hex) at `answersRef`, or else at a remote's answers ref fetched
    /// beside it (not merged yet); nil when no such ref holds the answer.
    package func answer(_ sha256: String) -> Data? {
        for ref in [Self.answersRef] + ((try? remoteAnswersRefs()) ?? []) {
            var oid = git_oid()
            guard git_reference_name_to_id(&oid, handle, ref) == 0 else { continue }
            if let data = try? contents(of: Self.answerPath(sha256), at: GitObjectID(oid)) { return data }
        }
        return nil
    }

    /// True when the answers ref, or a remote's, exists (neither is fetched by default).
    package var hasAnswersRef: Bool {
        var oid = git_oid()
        return git_reference_name_to_id(&oid, handle, Self.answersRef) == 0
            || !((try? remoteAnswersRefs()) ?? []).isEmpty
    }
}
