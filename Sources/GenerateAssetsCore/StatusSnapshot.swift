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
    /// The stored record is this header as JSON and a NUL byte; then four little-endian Int64 per path (size,
    /// mtime, ctime, inode); the paths joined by newlines and a NUL (no path holds either); the placeholder ids
    /// joined by newlines and a NUL; then the answer, as `status --json` prints it with the replay's statistics
    /// (JSON holds no NUL). Flat forms, because a replay reads them on every `status`.
    struct Header: Codable {
        var format = 3
        var toolVersion: String
        var fingerprintSchema: Int
        var manifest: String
        /// How many paths follow; the manifest's and the lock file's come first, so an edit to either is
        /// seen after two `stat` calls.
        var count: Int
        var statTimeNanoseconds: Int64
        /// Where the duration goes in the stored answer (a UTF-8 offset), so a replay only splices it in.
        var durationOffset: Int
    }

    /// A replayed answer: the JSON text, and the report itself only when asked for.
    struct Replay {
        var json: String
        var placeholders: () -> [String]
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
        guard let data = FileContents.read(file(root: root, key: key(options, environment: environment))) else {
            return nil
        }
        Trace.mark("snapshot fetched")
        guard let separator = firstNUL(in: data, from: 0),
            let header = try? JSONDecoder().decode(Header.self, from: data[..<separator]),
            header.format == 3, header.toolVersion == ToolVersion.current,
            header.fingerprintSchema == Fingerprint.schemaVersion,
            header.manifest == manifest
        else { return nil }
        let statsStart = separator + 1
        let statsLength = header.count * 32
        guard data.count - statsStart >= statsLength, let pathsEnd = firstNUL(in: data, from: statsStart + statsLength),
            let placeholdersEnd = firstNUL(in: data, from: pathsEnd + 1)
        else { return nil }
        let unchanged = data.withUnsafeBytes { raw in
            filesUnchanged(
                root: root, count: header.count,
                stats: UnsafeRawBufferPointer(rebasing: raw[statsStart..<(statsStart + statsLength)]),
                paths: UnsafeRawBufferPointer(rebasing: raw[(statsStart + statsLength)..<pathsEnd]),
                statTime: header.statTimeNanoseconds)
        }
        guard unchanged else { return nil }
        let stored = data[(placeholdersEnd + 1)...]
        let placeholdersStart = pathsEnd + 1
        Trace.mark("snapshot files statted")
        let duration = Date().timeIntervalSince(started)
        let split = stored.startIndex + header.durationOffset
        guard split + durationToken.utf8.count <= stored.endIndex else { return nil }
        var json = String(decoding: stored[..<split], as: UTF8.self)
        json += "\"duration_seconds\" : \(duration)"
        json += String(decoding: stored[(split + durationToken.utf8.count)...], as: UTF8.self)
        let placeholders = data[placeholdersStart..<placeholdersEnd]
        return Replay(
            json: json,
            placeholders: { String(decoding: placeholders, as: UTF8.self).split(separator: "\n").map(String.init) },
            report: {
                var report = try JSONDecoder().decode(RunReport.self, from: Data(stored))
                report.stats.durationSeconds = duration
                return report
            })
    }

    /// The index of the first NUL byte from `start` on (`Data`'s own search goes byte by byte through a generic path).
    static func firstNUL(in data: Data, from start: Data.Index) -> Data.Index? {
        let offset = start - data.startIndex
        let found: Int? = data.withUnsafeBytes { raw in
            guard offset < raw.count, let base = raw.baseAddress, let hit = memchr(base + offset, 0, raw.count - offset)
            else { return nil }
            return UnsafeRawPointer(hit) - base
        }
        return found.map { data.startIndex + $0 }
    }

    /// The record's file: in the cache's folder, one per key. A file rather than a row of the cache: a no-op
    /// `status` then reads one file, where opening the database and reading its schema cost more than the rest.
    static func file(root: String, key: String) -> String {
        // FNV-1a of the key: a stable name with no cryptography to start up.
        let hash = key.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return CacheStore.folder(projectRoot: root) + "/status-\(String(hash, radix: 16)).snapshot"
    }

    /// True while every recorded file keeps its stat, trusted only past the racy-clean window. In order (the
    /// manifest and the lock file first, an edit to either being the usual reason to fall back), stopping at
    /// the first difference; each path is read in place, without a `String`. One thread: a stat costs about
    /// a microsecond, less than waking another thread on a busy machine.
    static func filesUnchanged(
        root: String, count: Int, stats: UnsafeRawBufferPointer, paths: UnsafeRawBufferPointer, statTime: Int64
    ) -> Bool {
        let prefix = Array((root + "/").utf8)
        // One buffer for every path: the root, a path, a NUL.
        let path = UnsafeMutablePointer<UInt8>.allocate(capacity: prefix.count + paths.count + 1)
        defer { path.deallocate() }
        path.initialize(from: prefix, count: prefix.count)
        guard let base = paths.baseAddress ?? (count == 0 ? UnsafeRawPointer(path) : nil) else { return false }
        var start = 0
        for index in 0..<count {
            guard start <= paths.count else { return false }
            let end = memchr(base + start, 0x0A, paths.count - start).map { UnsafeRawPointer($0) - base } ?? paths.count
            let number = { (field: Int) in
                Int64(littleEndian: stats.loadUnaligned(fromByteOffset: (index * 4 + field) * 8, as: Int64.self))
            }
            let recorded = FileStat(
                size: number(0), mtimeNanoseconds: number(1), ctimeNanoseconds: number(2),
                inode: UInt64(bitPattern: number(3)))
            guard recorded.mtimeNanoseconds + FileHasher.racyWindow(for: recorded) <= statTime else { return false }
            (path + prefix.count).update(from: (base + start).assumingMemoryBound(to: UInt8.self), count: end - start)
            path[prefix.count + end - start] = 0
            guard FileStat.of(cPath: path) == recorded else { return false }
            start = end + 1
        }
        return start >= paths.count
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
        guard let early, context.cache != nil, !report.hasStale, report.assets.count == context.project.assets.count
        else { return }
        let manifest = early.manifest
        let statTime = early.time
        var paths = [context.project.manifestPath, context.project.lockPath]
        for asset in context.project.assets {
            paths += asset.writtenFiles
            for case .file(let path, _) in asset.references { paths.append(path) }
        }
        var seen: Set<String> = []
        let unique = paths.filter { seen.insert($0).inserted }  // in order: the manifest and the lock file first
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
            guard !path.contains("\n"), !path.utf8.contains(0) else { return }
            for number in [stat.size, stat.mtimeNanoseconds, stat.ctimeNanoseconds, Int64(bitPattern: stat.inode)] {
                withUnsafeBytes(of: number.littleEndian) { stats.append(contentsOf: $0) }
            }
        }
        var replayed = report
        replayed.stats = RunStatistics()
        replayed.stats.filesStatted = unique.count
        guard let json = try? replayed.json(), let token = json.range(of: durationToken) else { return }
        let header = Header(
            toolVersion: ToolVersion.current, fingerprintSchema: Fingerprint.schemaVersion, manifest: manifest,
            count: unique.count,
            statTimeNanoseconds: statTime,
            durationOffset: json.utf8.distance(from: json.startIndex, to: token.lowerBound))
        guard var data = try? JSONEncoder().encode(header) else { return }
        data.append(0)
        data.append(stats)
        data.append(contentsOf: Array(unique.joined(separator: "\n").utf8))
        data.append(0)
        data.append(contentsOf: Array(report.placeholderIDs.joined(separator: "\n").utf8))
        data.append(0)
        data.append(contentsOf: Array(json.utf8))
        // Replaced at once (a reader sees the old record or the new), not made durable: it is only a shortcut.
        try? AtomicFileWriter.write(
            data, to: file(root: context.project.root, key: key(options, environment: environment)), durable: false)
    }
}
