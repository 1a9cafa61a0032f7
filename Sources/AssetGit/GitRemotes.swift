#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

/// A remote as the repository's config describes it: where `git fetch` and `git push` send which refs.
package struct GitRemote: Sendable, Hashable {
    package var name: String
    package var fetch: [String] = []
    package var push: [String] = []

    /// True when a fetch refspec brings `ref` (or every note) from this remote.
    package func fetches(_ ref: String) -> Bool { fetch.contains { Self.source(of: $0, covers: ref) } }

    /// True when a push refspec sends `ref` (or every note) to this remote.
    package func pushes(_ ref: String) -> Bool { push.contains { Self.source(of: $0, covers: ref) } }

    /// `+refs/notes/*:refs/notes/*` covers `refs/notes/generate-assets`; so does the ref itself.
    static func source(of refspec: String, covers ref: String) -> Bool {
        var spec = Substring(refspec)
        if spec.hasPrefix("+") { spec = spec.dropFirst() }
        let source = spec.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if source.hasSuffix("*") { return ref.hasPrefix(source.dropLast()) }
        return source == ref
    }
}

extension GitRepository {
    /// The remotes in the repository's config (`remote.NAME.fetch`, `remote.NAME.push`), by name.
    package func remotes() throws -> [GitRemote] {
        var config: OpaquePointer?
        try GitError.check(git_repository_config_snapshot(&config, handle), "read the repository's config")
        defer { git_config_free(config) }
        final class Found { var entries: [(String, String)] = [] }
        let found = Found()
        let status = withExtendedLifetime(found) {
            git_config_foreach_match(
                config, #"^remote\..*\.(url|fetch|push)$"#,
                { entry, payload in
                    guard let entry, let payload, let name = entry.pointee.name, let value = entry.pointee.value else {
                        return 0
                    }
                    Unmanaged<Found>.fromOpaque(payload).takeUnretainedValue().entries.append(
                        (String(cString: name), String(cString: value)))
                    return 0
                }, Unmanaged.passUnretained(found).toOpaque())
        }
        try GitError.check(status, "read the remotes")
        var remotes: [String: GitRemote] = [:]
        for (key, value) in found.entries {
            // remote.<name>.<field>: the name may itself hold dots.
            let inner = key.dropFirst("remote.".count)
            guard let dot = inner.lastIndex(of: ".") else { continue }
            let name = String(inner[..<dot])
            var remote = remotes[name] ?? GitRemote(name: name)
            switch inner[inner.index(after: dot)...] {
            case "fetch": remote.fetch.append(value)
            case "push": remote.push.append(value)
            default: break
            }
            remotes[name] = remote
        }
        return remotes.values.sorted { $0.name < $1.name }
    }
}
