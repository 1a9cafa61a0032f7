import AssetCache
import AssetFingerprint
import AssetManifest
import AssetSupport
import Foundation

/// The no-op fast path of `status`. When a full `status` finds everything fresh, it records the report
/// with the stat of every file the answer depends on: the manifest, the lock file, every reference and
/// output. While all of them keep the same stat (trusted only past the racy-clean window, as in the stat
/// cache), the same tool version and provider would reach the same answer, so it is replayed without
/// parsing YAML, validating, reading the lock or planning. Any difference falls back to the full path.
enum StatusSnapshot {
    struct Payload: Codable {
        var toolVersion: String
        var fingerprintSchema: Int
        var manifest: String
        var paths: [String]
        /// Four numbers per path (size, mtime, ctime, inode): flat, because it is decoded on every replay.
        var stats: [Int64]
        var statTimeNanoseconds: Int64
        var report: RunReport
    }

    static func key(_ options: ProjectOptions, environment: [String: String]) -> String {
        "status provider=\(options.provider ?? environment["GENERATE_ASSETS_PROVIDER"] ?? "-")"
    }

    /// The recorded report, if nothing it depends on has changed.
    static func replay(options: ProjectOptions, environment: [String: String]) -> RunReport? {
        guard let manifest = try? ProjectContext.locateManifest(options) else { return nil }
        let root = ProjectPath.resolved(ProjectPath.parent(manifest))
        guard let cache = try? CacheStore.open(projectRoot: root, readOnly: true),
              let data = cache.snapshot(key(options, environment: environment)),
              let payload = try? JSONDecoder().decode(Payload.self, from: data),
              payload.toolVersion == ToolVersion.current, payload.fingerprintSchema == Fingerprint.schemaVersion, payload.manifest == manifest
        else { return nil }
        let paths = payload.paths
        guard payload.stats.count == paths.count * 4 else { return nil }
        Trace.mark("snapshot read")
        let unchanged = LockedValue(true)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let s = payload.stats[(index * 4)..<(index * 4 + 4)].map { $0 }
            let recorded = FileStat(size: s[0], mtimeNanoseconds: s[1], ctimeNanoseconds: s[2], inode: UInt64(bitPattern: s[3]))
            let current = try? FileStat.of(root + "/" + paths[index])
            if current != recorded || recorded.mtimeNanoseconds + FileHasher.racyWindow(for: recorded) > payload.statTimeNanoseconds {
                unchanged.withValue { $0 = false }
            }
        }
        guard unchanged.value else { return nil }
        Trace.mark("snapshot files statted")
        var report = payload.report
        report.stats = RunStatistics()
        report.stats.filesStatted = paths.count
        return report
    }

    /// Records an all-fresh report (anything else is never replayed).
    static func record(_ report: RunReport, context: ProjectContext, options: ProjectOptions, environment: [String: String]) {
        guard let cache = context.cache, !report.hasStale, report.assets.count == context.project.assets.count,
              let manifest = try? ProjectContext.locateManifest(options) else { return }
        let statTime = context.clock.now().nanosecondsSince1970
        var paths = [context.project.manifestPath, context.project.lockPath]
        for asset in context.project.assets {
            paths.append(asset.output)
            for case .file(let path, _) in asset.references { paths.append(path) }
        }
        let unique = Array(Set(paths))
        var stats: [Int64] = []
        for path in unique {
            guard let stat = try? FileStat.of(context.absolute(path)) else { return }
            stats += [stat.size, stat.mtimeNanoseconds, stat.ctimeNanoseconds, Int64(bitPattern: stat.inode)]
        }
        let payload = Payload(toolVersion: ToolVersion.current, fingerprintSchema: Fingerprint.schemaVersion, manifest: manifest,
                              paths: unique, stats: stats, statTimeNanoseconds: statTime, report: report)
        guard let data = try? JSONEncoder().encode(payload) else { return }
        try? cache.saveSnapshot(key(options, environment: environment), data)
    }
}
