#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

/// Whether libgit2 can be used here, for `doctor`.
package enum GitLibrary {
    /// Why libgit2 cannot be used (not installed, missing a function), or nil when it loads.
    package static func loadProblem() -> String? {
        guard git_libgit2_init() < 0 else { return nil }
        return git_error_last().map { String(cString: $0.pointee.message) } ?? "libgit2 could not be initialised"
    }
}
