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

    /// Adds the answers the tree does not hold yet, in one commit on `answersRef` (compare-and-swap).
    /// - Parameter answers: SHA-256 (hex) → bytes; the caller has checked them.
    /// - Returns: how many were added.
    @discardableResult
    package func storeAnswers(_ answers: [String: Data]) throws -> Int {
        guard !answers.isEmpty else { return 0 }
        var parentOID = git_oid()
        let hasParent = git_reference_name_to_id(&parentOID, handle, Self.answersRef) == 0
        var parent: OpaquePointer?
        if hasParent {
            try GitError.check(git_commit_lookup(&parent, handle, &parentOID), "read \(Self.answersRef)")
        }
        defer { git_commit_free(parent) }
        var index: OpaquePointer?
        try GitError.check(git_index_new(&index), "create an index")
        defer { git_index_free(index) }
        if let parent {
            var tree: OpaquePointer?
            try GitError.check(git_commit_tree(&tree, parent), "read the answers' tree")
            defer { git_tree_free(tree) }
            try GitError.check(git_index_read_tree(index, tree), "load the answers' tree")
        }
        var added = 0
        for (sha256, data) in answers.sorted(by: { $0.key < $1.key }) {
            let path = Self.answerPath(sha256)
            if git_index_get_bypath(index, path, 0) != nil { continue }
            var blob = git_oid()
            try data.withUnsafeBytes { bytes in
                try GitError.check(
                    git_blob_create_from_buffer(&blob, handle, bytes.baseAddress, bytes.count), "store answer \(sha256)"
                )
            }
            var entry = git_index_entry()
            entry.mode = 0o100644
            entry.id = blob
            entry.file_size = UInt32(truncatingIfNeeded: data.count)
            try path.withCString { cPath in
                entry.path = cPath
                try GitError.check(git_index_add(index, &entry), "add answer \(sha256)")
            }
            added += 1
        }
        guard added > 0 else { return 0 }
        var treeOID = git_oid()
        try GitError.check(git_index_write_tree_to(&treeOID, index, handle), "write the answers' tree")
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, handle, &treeOID), "read the answers' tree")
        defer { git_tree_free(tree) }
        var signature: UnsafeMutablePointer<git_signature>?
        if git_signature_default(&signature, handle) != 0 {
            try GitError.check(
                git_signature_now(&signature, "generate-assets", "generate-assets@localhost"), "make a signature")
        }
        defer { git_signature_free(signature) }
        var commitOID = git_oid()
        var parents: [OpaquePointer?] = [parent]
        let message = "generate-assets: \(added) answer\(added == 1 ? "" : "s")"
        let created = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(
                &commitOID, handle, nil, signature, signature, "UTF-8", message, tree, hasParent ? 1 : 0,
                buffer.baseAddress)
        }
        try GitError.check(created, "commit the answers")
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

    /// The bytes stored under `sha256` (hex) at `answersRef`; nil when the ref or the answer is absent.
    package func answer(_ sha256: String) -> Data? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, handle, Self.answersRef) == 0 else { return nil }
        return try? contents(of: Self.answerPath(sha256), at: GitObjectID(oid))
    }

    /// True when the answers ref exists (it is not fetched by default).
    package var hasAnswersRef: Bool {
        var oid = git_oid()
        return git_reference_name_to_id(&oid, handle, Self.answersRef) == 0
    }
}
