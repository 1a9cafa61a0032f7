import Foundation

#if os(Linux)
    import CGit2Lazy
#else
    import CGit2
#endif

extension GitRepository {
    /// Marks, before the index is written, each entry that git would otherwise take for unchanged while its
    /// file was edited: what git itself does before writing an index ("racily clean" entries).
    ///
    /// git trusts an entry whose stat data matches its file, comparing mtimes to the second (Debian's git
    /// is built without nanosecond times), unless the entry's mtime is not older than the index file's, in
    /// which case it compares contents. libgit2 judges that race in nanoseconds, so after a same-size edit
    /// made in the same second as the entry's mtime (`Warm` → `Cool` in `assets.yml`, a fast run), writing
    /// the index a second later made git trust the stale stat data: `git status` and `git commit -a` missed
    /// the edit. Each such entry whose file no longer hashes to its blob gets size 0, so git looks again.
    /// - Parameter staged: the paths just staged from their files (their stat data is current).
    func smudgeRacilyClean(_ index: OpaquePointer, except staged: Set<String>) {
        guard let indexPath = git_index_path(index),
            let stamp = (try? FileManager.default.attributesOfItem(atPath: String(cString: indexPath)))?[
                .modificationDate] as? Date
        else { return }
        let stampSecond = Int64(stamp.timeIntervalSince1970.rounded(.down))
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position)?.pointee, entry.file_size != 0,
                Int64(entry.mtime.seconds) >= stampSecond, (entry.flags & 0x3000) == 0,
                [0o100644, 0o100755].contains(entry.mode)
            else { continue }
            let path = String(cString: entry.path)
            guard !staged.contains(path) else { continue }
            var actual = git_oid()
            var recorded = entry.id
            guard git_repository_hashfile(&actual, handle, path, GIT_OBJECT_BLOB, nil) == 0,
                git_oid_equal(&actual, &recorded) == 0
            else { continue }
            var smudged = entry
            smudged.file_size = 0
            _ = git_index_add(index, &smudged)
        }
    }
}
