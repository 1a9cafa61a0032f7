import AssetCache
import AssetFingerprint
import AssetImaging
import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// Where the project is and how to treat it; shared by every command.
package struct ProjectOptions: Sendable {
    /// The folder to work in (default: the current directory).
    package var directory: String?
    /// The manifest (default: `assets.yml` in the directory, or the nearest one above it).
    package var manifest: String?
    /// Overrides `GENERATE_ASSETS_PROVIDER`, which overrides the manifest's `provider:`.
    package var provider: String?

    /// The Gemini base URL (overrides `GEMINI_BASE_URL` and the manifest's `api.base_url`).
    package var baseURL: String?
    /// Most provider calls started per minute (0: no limit).
    package var requestsPerMinute = 0
    /// The most one provider request may take, in seconds.
    package var requestTimeout: Double?
    /// Attempts per provider call, retries included.
    package var maxAttempts: Int?

    package init(directory: String? = nil, manifest: String? = nil, provider: String? = nil, baseURL: String? = nil) {
        self.directory = directory
        self.manifest = manifest
        self.provider = provider
        self.baseURL = baseURL
    }
}

/// A loaded project: validated manifest, lock, cache and hasher, ready for the planner.
package final class ProjectContext: Sendable {
    package let project: ResolvedProject
    package let lock: Lockfile
    package let cache: CacheStore?
    package let hasher: FileHasher
    package let provider: any ImageProvider
    package let clock: any WallClock
    /// Decodes, converts and resizes images (libvips).
    package let codec: any ImageCodec

    /// Loads everything a command needs.
    /// - Parameter readOnly: open the cache without creating it, and never write (for `--dry-run`).
    /// - Throws: `DiagnosticsError` for manifest errors (exit 2), `UserFacingError` for the rest.
    /// - Parameter injected: the provider to use instead of the one the options and manifest name (tests, embedders).
    /// - Parameter beforeOpening: called with the project root once the manifest is valid and before the
    ///   cache and lock file are read: the place to take the project lock. Without one, the lock file is read
    ///   on another thread while the manifest is parsed and validated.
    package init(
        options: ProjectOptions, readOnly: Bool, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemClock(), codec: any ImageCodec = ImageCodecs.platform,
        provider injected: (any ImageProvider)? = nil,
        beforeOpening: ((String) throws -> Void)? = nil
    ) throws {
        Trace.mark("start")
        let manifest = try Self.locateManifest(options)
        let lockPath = ManifestLoader.projectRoot(ofManifestAt: manifest) + "/" + ManifestLoader.lockFileName
        let earlyLock = beforeOpening == nil ? BackgroundValue { try Lockfile.load(from: lockPath) } : nil
        project = try ManifestLoader.load(manifestAt: manifest, now: { clock.now().nanosecondsSince1970 })
        Trace.mark("manifest loaded and valid")
        self.clock = clock
        self.codec = codec
        let providerName =
            options.provider ?? environment["GENERATE_ASSETS_PROVIDER"].flatMap { $0.isEmpty ? nil : $0 } ?? project
            .provider ?? ProviderRegistry.defaultProvider
        if injected == nil { try ProviderRegistry.check(providerName) }
        try beforeOpening?(project.root)
        let projectLockPath = project.root + "/" + project.lockPath
        lock =
            try projectLockPath == lockPath
            ? earlyLock?.value() ?? Lockfile.load(from: projectLockPath) : Lockfile.load(from: projectLockPath)
        Trace.mark("lock file read")
        cache = try CacheStore.open(projectRoot: project.root, readOnly: readOnly, clock: clock)
        hasher = FileHasher(root: project.root, known: try cache?.loadStatRecords() ?? [:], clock: clock)
        // Validation's stats stand in for new ones only when no run lock was taken: one waited for lets
        // another run, or a hand, change the outputs in the meantime.
        if beforeOpening == nil { hasher.seed(project.outputReadings) }
        Trace.mark("cache opened, stat cache read")
        provider =
            try injected
            ?? ProviderRegistry.make(
                providerName, project: project, options: options, environment: environment, uploads: cache, clock: clock
            )
    }

    /// Loads and validates the manifest alone; writes nothing.
    package static func validate(_ options: ProjectOptions) throws -> ResolvedProject {
        try ManifestLoader.load(manifestAt: try locateManifest(options))
    }

    /// The manifest path from the options, else `assets.yml` in the directory or its nearest ancestor.
    static func locateManifest(_ options: ProjectOptions) throws -> String {
        let base = URL(fileURLWithPath: options.directory ?? FileManager.default.currentDirectoryPath)
            .standardizedFileURL
        if let manifest = options.manifest {
            return manifest.hasPrefix("/") ? manifest : base.appendingPathComponent(manifest).path
        }
        var folder = base
        while true {
            let candidate = folder.appendingPathComponent("assets.yml").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw UserFacingError(
            "no assets.yml in \(base.path) or any folder above it",
            fix: "run 'generate-assets init' to create one, or pass --directory DIR or --manifest PATH")
    }

    package func absolute(_ relative: String) -> String { project.root + "/" + relative }

    /// The assets selected by `--only` (plus what they depend on), or all of them.
    package func select(_ only: [String]) throws -> [ResolvedAsset] {
        guard !only.isEmpty else { return project.assets }
        let ids = project.assets.map(\.id)
        for id in only where !ids.contains(id) {
            // `generate-assets --only a status`: --only takes several values, so it took the command's name.
            let misplaced =
                id == only.last && only.count > 1
                ? "; if '\(id)' is a command, write it before --only: generate-assets \(id) --only \(only.dropLast().joined(separator: " "))"
                : ""
            throw UserFacingError(
                "--only names unknown asset '\(id)'", fix: Suggestion.hint(for: id, in: ids) + misplaced)
        }
        return project.closure(of: only)
    }

    package func planner(force: Bool) -> Planner {
        var planner = Planner(
            provider: provider.id, providerIsFree: provider.isFree, lock: lock, hasher: hasher, cache: cache,
            force: force)
        let root = project.root
        planner.inHistory = { HistoryAnswers.has($0, projectRoot: root) }
        planner.lostImageFix = HistoryAnswers.lostImageFix(projectRoot: root, lockPath: project.lockPath)
        return planner
    }
}

extension ProjectContext {
    /// Loads the project and holds its run lock (`.generate-assets/run.lock`) for the whole of `body`:
    /// the one way a command that writes takes the lock. A read-only load (`--dry-run`) takes none.
    /// - Parameters:
    ///   - wait: queue behind another run (saying so through `reporter`) instead of failing at once.
    package static func locked<T>(
        options: ProjectOptions, readOnly: Bool = false, wait: Bool = true, reporter: any RunReporter,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (ProjectContext) async throws -> T
    ) async throws -> T {
        var lock: ProjectLock?
        let context = try ProjectContext(options: options, readOnly: readOnly, environment: environment) { root in
            if !readOnly { lock = try ProjectLock(projectRoot: root, wait: wait) { reporter.report($0) } }
        }
        defer { withExtendedLifetime(lock) {} }
        return try await body(context)
    }
}
