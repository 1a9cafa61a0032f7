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
        /// Paths joined by newlines and four little-endian Int64 per path (size, mtime, ctime, inode):
        /// flat forms, because they are decoded on every replay.
        var paths: String
        var stats: Data
        var statTimeNanoseconds: Int64
        /// Where the duration goes in the stored answer (a UTF-8 offset), so a replay only splices it in.
        /// The answer itself, as `status --json` prints it with the replay's statistics, is stored after
        /// this record, split by a NUL byte (which JSON never contains), so a replay decodes none of it.
        var durationOffset: Int
        var placeholders: String
    }

    /// A replayed answer: the JSON text, and the report itself only when asked for.
    struct Replay {
        var json: String
        var placeholders: [String]
        var report: () throws -> RunReport
    }

    static let durationToken = "\"duration_seconds\" : 0"

    static func key(_ options: ProjectOptions, environment: [String: String]) -> String {
        "status provider=\(options.provider ?? environment["GENERATE_ASSETS_PROVIDER"] ?? "-")"
    }

    /// The recorded answer, if nothing it depends on has changed.
    static func replay(options: ProjectOptions, environment: [String: String], started: Date) -> Replay? {
        Trace.mark("replay begins")
        guard let manifest = try? ProjectContext.locateManifest(options) else { return nil }
        let root = ProjectPath.resolved(ProjectPath.parent(manifest))
        guard let cache = try? CacheStore.open(projectRoot: root, readOnly: true),
            let data = cache.snapshot(key(options, environment: environment))
        else { return nil }
        Trace.mark("snapshot fetched")
        guard let separator = data.firstIndex(of: 0),
            let payload = try? JSONDecoder().decode(Payload.self, from: data[..<separator]),
            payload.toolVersion == ToolVersion.current, payload.fingerprintSchema == Fingerprint.schemaVersion,
            payload.manifest == manifest
        else { return nil }
        let paths = payload.paths.split(separator: "\n").map(String.init)
        let numbers: [Int64] = payload.stats.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
        guard numbers.count == paths.count * 4 else { return nil }
        Trace.mark("snapshot read")
        let unchanged = LockedValue(true)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let s = numbers[(index * 4)..<(index * 4 + 4)].map { $0 }
            let recorded = FileStat(
                size: s[0], mtimeNanoseconds: s[1], ctimeNanoseconds: s[2], inode: UInt64(bitPattern: s[3]))
            let current = try? FileStat.of(root + "/" + paths[index])
            if current != recorded
                || recorded.mtimeNanoseconds + FileHasher.racyWindow(for: recorded) > payload.statTimeNanoseconds
            {
                unchanged.withValue { $0 = false }
            }
        }
        guard unchanged.value else { return nil }
        let stored = data[(separator + 1)...]
        Trace.mark("snapshot files statted")
        let duration = Date().timeIntervalSince(started)
        let split = stored.startIndex + payload.durationOffset
        guard split + durationToken.utf8.count <= stored.endIndex else { return nil }
        let json =
            String(decoding: stored[..<split], as: UTF8.self) + "\"duration_seconds\" : \(duration)"
            + String(decoding: stored[(split + durationToken.utf8.count)...], as: UTF8.self)
        return Replay(json: json, placeholders: payload.placeholders.split(separator: "\n").map(String.init)) {
            var report = try JSONDecoder().decode(RunReport.self, from: Data(stored))
            report.stats.durationSeconds = duration
            return report
        }
    }

    /// The manifest's and the lock file's stats, taken before either is read: what a snapshot may record
    /// for them. A stat taken after planning could describe an edit made during it, and replay the old answer.
    struct EarlyStats {
        var manifest: String
        var stats: [String: FileStat]
        var time: Int64
    }

    static func statBeforeLoading(_ options: ProjectOptions, clock: any WallClock) -> EarlyStats? {
        guard let manifest = try? ProjectContext.locateManifest(options) else { return nil }
        let time = clock.now().nanosecondsSince1970
        var stats: [String: FileStat] = [:]
        for path in [manifest, ProjectPath.parent(manifest) + "/" + ManifestLoader.lockFileName] {
            guard let stat = try? FileStat.of(path) else { continue }
            stats[ProjectPath.resolved(path)] = stat
        }
        return EarlyStats(manifest: manifest, stats: stats, time: time)
    }

    /// Records an all-fresh report (anything else is never replayed). Every stat it records was taken
    /// before the file it describes was read: the manifest's and lock's before loading, the others' by the hasher.
    static func record(
        _ report: RunReport, context: ProjectContext, options: ProjectOptions, environment: [String: String],
        early: EarlyStats?
    ) {
        guard let early, let cache = context.cache, !report.hasStale,
            report.assets.count == context.project.assets.count
        else { return }
        let manifest = early.manifest
        let statTime = early.time
        var paths = [context.project.manifestPath, context.project.lockPath]
        for asset in context.project.assets {
            paths += asset.writtenFiles
            for case .file(let path, _) in asset.references { paths.append(path) }
        }
        let unique = Array(Set(paths))
        var stats = Data()
        for path in unique {
            let stat: FileStat
            if let before = early.stats[ProjectPath.resolved(context.absolute(path))] {
                stat = before
            } else if let record = context.hasher.statRecord(path), FileHasher.isTrustworthy(record) {
                stat = record.stat
            } else {
                return
            }
            guard !path.contains("\n") else { return }
            for number in [stat.size, stat.mtimeNanoseconds, stat.ctimeNanoseconds, Int64(bitPattern: stat.inode)] {
                withUnsafeBytes(of: number.littleEndian) { stats.append(contentsOf: $0) }
            }
        }
        var replayed = report
        replayed.stats = RunStatistics()
        replayed.stats.filesStatted = unique.count
        guard let json = try? replayed.json(), let token = json.range(of: durationToken) else { return }
        let payload = Payload(
            toolVersion: ToolVersion.current, fingerprintSchema: Fingerprint.schemaVersion, manifest: manifest,
            paths: unique.joined(separator: "\n"), stats: stats, statTimeNanoseconds: statTime,
            durationOffset: json.utf8.distance(from: json.startIndex, to: token.lowerBound),
            placeholders: report.assets.filter(\.placeholder).map(\.id).joined(separator: "\n"))
        guard var data = try? JSONEncoder().encode(payload) else { return }
        data.append(0)
        data.append(contentsOf: Array(json.utf8))
        try? cache.saveSnapshot(key(options, environment: environment), data)
    }
}
