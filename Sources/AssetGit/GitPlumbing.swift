import Foundation

#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

/// The steps `commit(paths:…)` and `storeAnswers` share: an in-memory index from a commit's tree, blobs
/// added to it, and a commit object made from it.
extension GitRepository {
    /// A new in-memory index holding `commit`'s tree (empty without one). The caller frees it.
    func index(of commit: OpaquePointer?) throws -> OpaquePointer? {
        var index: OpaquePointer?
        try GitError.check(git_index_new(&index), "create an index")
        guard let commit else { return index }
        var tree: OpaquePointer?
        defer { git_tree_free(tree) }
        do {
            try GitError.check(git_commit_tree(&tree, commit), "read the commit's tree")
            try GitError.check(git_index_read_tree(index, tree), "load the commit's tree")
        } catch {
            git_index_free(index)
            throw error
        }
        return index
    }

    /// Stores `data` as a blob and stages it at `path` in `index`, unless the index has that very blob there.
    /// - Returns: false when it was already there.
    func stage(_ data: Data, at path: String, in index: OpaquePointer?) throws -> Bool {
        var blob = git_oid()
        try data.withUnsafeBytes { bytes in
            try GitError.check(
                git_blob_create_from_buffer(&blob, handle, bytes.baseAddress, bytes.count), "store \(path)")
        }
        if let existing = git_index_get_bypath(index, path, 0),
            git_oid_equal(&blob, &UnsafeMutablePointer(mutating: existing).pointee.id) == 1
        {
            return false
        }
        var entry = git_index_entry()
        entry.mode = 0o100644
        entry.id = blob
        entry.file_size = UInt32(truncatingIfNeeded: data.count)
        try path.withCString { cPath in
            entry.path = cPath
            try GitError.check(git_index_add(index, &entry), "stage \(path)")
        }
        return true
    }

    /// Runs `body` with the identity from git config, or the fallback `generate-assets <generate-assets@localhost>`
    /// (the flag says which).
    func withSignature<T>(_ body: (UnsafeMutablePointer<git_signature>?, Bool) throws -> T) throws -> T {
        var signature: UnsafeMutablePointer<git_signature>?
        var fallback = false
        if git_signature_default(&signature, handle) != 0 {
            fallback = true
            try GitError.check(
                git_signature_now(&signature, "generate-assets", "generate-assets@localhost"), "make a signature")
        }
        defer { git_signature_free(signature) }
        return try body(signature, fallback)
    }

    /// Writes `index` as a tree and makes a commit of it on `parent` (none for a first commit), moving no ref.
    func commitObject(
        of index: OpaquePointer?, parent: OpaquePointer?, message: String,
        signature: UnsafeMutablePointer<git_signature>?
    ) throws -> git_oid {
        try commitObject(of: index, parents: parent == nil ? [] : [parent], message: message, signature: signature)
    }

    /// Writes `index` as a tree and makes a commit of it on `parents` (a merge when there are two), moving no ref.
    func commitObject(
        of index: OpaquePointer?, parents: [OpaquePointer?], message: String,
        signature: UnsafeMutablePointer<git_signature>?
    ) throws -> git_oid {
        var treeOID = git_oid()
        try GitError.check(git_index_write_tree_to(&treeOID, index, handle), "write the tree")
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, handle, &treeOID), "read the new tree")
        defer { git_tree_free(tree) }
        var commitOID = git_oid()
        var parents = parents
        let created = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(
                &commitOID, handle, nil, signature, signature, "UTF-8", message, tree, buffer.count,
                buffer.baseAddress)
        }
        try GitError.check(created, "create the commit")
        return commitOID
    }
}
