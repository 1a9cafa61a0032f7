import AssetSupport
import Foundation

/// What the stat cache remembers of a file: its stat fields, its hash, and when the stat was taken.
package struct StatRecord: Sendable, Hashable {
    package var stat: FileStat
    package var sha256: ContentHash
    /// When `stat` was read (nanoseconds since 1970): the racy-clean guard compares the mtime against it.
    package var statTimeNanoseconds: Int64

    package init(stat: FileStat, sha256: ContentHash, statTimeNanoseconds: Int64) {
        self.stat = stat
        self.sha256 = sha256
        self.statTimeNanoseconds = statTimeNanoseconds
    }
}

/// Storage for the stat cache (the SQLite cache in production), read once and written once per run.
package protocol StatCacheStore: Sendable {
    func loadStatRecords() throws -> [String: StatRecord]
    func saveStatRecords(_ records: [String: StatRecord]) throws
}

/// A cached answer and the output it gives in one format (nil until that conversion has been made once).
package struct CachedImage: Sendable, Hashable {
    package var answer: ContentHash
    package var output: ContentHash?
    /// The highest variant number cached for the fingerprint.
    package var variants: Int

    package init(answer: ContentHash, output: ContentHash?, variants: Int = 1) {
        self.answer = answer
        self.output = output
        self.variants = variants
    }
}

/// Looks up cached images by fingerprint (the SQLite cache in production).
package protocol CachedImageLookup: Sendable {
    /// The chosen answer for a fingerprint, or `preferred` when that is one of its variants.
    func cachedImage(for fingerprint: ContentHash, as format: ImageFormat, preferring preferred: ContentHash?) throws
        -> CachedImage?
    /// True when the cache holds an image with this hash: generate-assets made it at some point.
    func hasBlob(_ sha256: ContentHash) throws -> Bool
    /// True when the cache holds the answer of an edit turn with this fingerprint (see `Fingerprint.turns`).
    func hasEditTurn(_ fingerprint: ContentHash) throws -> Bool
}

extension CachedImageLookup {
    package func hasEditTurn(_ fingerprint: ContentHash) throws -> Bool { false }

    /// The chosen answer for a fingerprint.
    package func cachedImage(for fingerprint: ContentHash, as format: ImageFormat) throws -> CachedImage? {
        try cachedImage(for: fingerprint, as: format, preferring: nil)
    }
}

/// Hashes project files, skipping any file whose stat is unchanged since it was last hashed.
///
/// Racy-clean guard (as git's index): a file whose mtime is not safely before the moment its stat was
/// taken could change again within the same timestamp tick without its stat changing, so it is rehashed.
/// "Safely" means by more than the filesystem's timestamp granularity: 25 ms for nanosecond timestamps
/// (the kernel's coarse clock ticks at most every 10 ms), 2 s for filesystems with whole-second times.
package final class FileHasher: @unchecked Sendable {
    package let root: String
    private let clock: any WallClock
    private let lock = NSLock()
    private var known: [String: StatRecord]
    private var updated: [String: StatRecord] = [:]
    private var hashedCount = 0
    private var statCount = 0
    private var pathLocks: [String: NSLock] = [:]
    /// What this run has already seen, path → hash (nil: missing). A run plans against one snapshot.
    private var seen: [String: ContentHash?] = [:]
    /// Stats taken earlier in this run (validation's, of outputs), each used once in place of a new one.
    private var readings: [String: FileReading] = [:]

    package init(root: String, known: [String: StatRecord], clock: any WallClock = SystemClock()) {
        self.root = root
        self.known = known
        self.clock = clock
    }

    /// Hands over stats this run already took, by project-relative path: the first hash of each starts from
    /// it instead of calling `stat` again. (Only existing files: any other answer is asked again.)
    package func seed(_ readings: [String: FileReading]) {
        lock.withLock { self.readings = readings.filter { $0.value.stat != nil } }
    }

    /// Files actually read and hashed so far.
    package var filesHashed: Int { lock.withLock { hashedCount } }
    /// Files whose hash came from the stat cache.
    package var filesStatted: Int { lock.withLock { statCount } }

    package static func racyWindow(for stat: FileStat) -> Int64 {
        stat.mtimeNanoseconds % 1_000_000_000 == 0 ? 2_000_000_000 : 25_000_000
    }

    /// True when the file's mtime is safely before the moment its stat was taken (see the racy-clean guard).
    package static func isTrustworthy(_ record: StatRecord) -> Bool {
        record.stat.mtimeNanoseconds + racyWindow(for: record.stat) <= record.statTimeNanoseconds
    }

    /// The SHA-256 of a project file; nil when it does not exist.
    /// Concurrent calls for one path read the file once: the others wait and take the stat-cached answer.
    package func hash(_ relativePath: String) throws -> ContentHash? {
        if let known = lock.withLock({ seen[relativePath] }) { return known }  // this run has its answer already
        let pathLock = lock.withLock {
            if let existing = pathLocks[relativePath] { return existing }
            let created = NSLock()
            pathLocks[relativePath] = created
            return created
        }
        return try pathLock.withLock {
            if let known = lock.withLock({ seen[relativePath] }) { return known }
            let hash = try hashUnshared(relativePath)
            lock.withLock { seen[relativePath] = hash }
            return hash
        }
    }

    /// Hashes many files; later `hash` calls answer from memory. Stat-cache hits (a stat each, or none for a
    /// path `seed` gave) are settled in one pass on this thread; the files that must be read, on all cores.
    package func prefetch(_ paths: [String]) {
        var misses: [String] = []
        lock.withLock {
            var unique: Set<String> = []
            unique.reserveCapacity(paths.count)
            for path in paths where unique.insert(path).inserted && seen[path] == nil {
                let earlier = readings.removeValue(forKey: path)
                let statTime = earlier?.timeNanoseconds ?? clock.now().nanosecondsSince1970
                let before: FileStat?
                do { before = try earlier?.stat ?? FileStat.of(root + "/" + path) } catch {
                    misses.append(path)  // `hash` reports it
                    continue
                }
                guard let before else {
                    seen[path] = .some(nil)
                    continue
                }
                // As in `hashUnshared`: this run's own readings as they are, earlier runs' past the racy-clean guard.
                if let record = updated[path].flatMap({ $0.stat == before ? $0 : nil })
                    ?? known[path].flatMap({ $0.stat == before && Self.isTrustworthy($0) ? $0 : nil })
                {
                    statCount += 1
                    seen[path] = record.sha256
                } else {
                    readings[path] = FileReading(kind: .file, stat: before, timeNanoseconds: statTime)
                    misses.append(path)
                }
            }
        }
        let toRead = misses
        DispatchQueue.concurrentPerform(iterations: toRead.count) { index in _ = try? hash(toRead[index]) }
    }

    private func hashUnshared(_ relativePath: String) throws -> ContentHash? {
        let path = root + "/" + relativePath
        for _ in 0..<3 {
            let earlier = lock.withLock { readings.removeValue(forKey: relativePath) }
            let statTime = earlier?.timeNanoseconds ?? clock.now().nanosecondsSince1970
            guard let before = try earlier?.stat ?? FileStat.of(path) else { return nil }
            // This run's own readings are reused as they are; earlier runs' need the racy-clean guard.
            let (fresh, remembered) = lock.withLock { (updated[relativePath], known[relativePath]) }
            if let record = fresh.flatMap({ $0.stat == before ? $0 : nil })
                ?? remembered.flatMap({ $0.stat == before && Self.isTrustworthy($0) ? $0 : nil })
            {
                lock.withLock { statCount += 1 }
                return record.sha256
            }
            let hash = try SHA256.hash(fileAt: path)
            lock.withLock { hashedCount += 1 }
            guard let after = try FileStat.of(path), after == before else { continue }  // changed while reading
            lock.withLock {
                updated[relativePath] = StatRecord(stat: after, sha256: hash, statTimeNanoseconds: statTime)
            }
            return hash
        }
        throw UserFacingError(
            "\(relativePath) keeps changing while it is being read",
            fix: "wait for whatever is writing it to finish, then run again")
    }

    /// The stat behind the hash this run used for a path, taken before the file was read (nil: not seen).
    package func statRecord(_ relativePath: String) -> StatRecord? {
        lock.withLock { updated[relativePath] ?? known[relativePath] }
    }

    /// Records the hash of a file this run has just written, so it is never read back.
    package func noteWritten(_ relativePath: String, sha256: ContentHash) throws {
        let statTime = clock.now().nanosecondsSince1970
        guard let stat = try FileStat.of(root + "/" + relativePath) else { return }
        lock.withLock {
            updated[relativePath] = StatRecord(stat: stat, sha256: sha256, statTimeNanoseconds: statTime)
            seen[relativePath] = sha256
            readings[relativePath] = nil
        }
    }

    /// Forgets a file, for example one that was just deleted.
    package func forget(_ relativePath: String) {
        lock.withLock {
            updated[relativePath] = nil
            known[relativePath] = nil
            seen[relativePath] = nil
            readings[relativePath] = nil
        }
    }

    /// Saves what this run learnt. Files written moments ago are racy; when that wait is short it waits
    /// out the window and re-stats them, so the next run trusts them without reading them.
    package func flush(to store: any StatCacheStore) throws {
        var pending = lock.withLock { updated }
        guard !pending.isEmpty else { return }
        let racy = pending.filter { !Self.isTrustworthy($0.value) }
        let readyAt = racy.values.map { $0.stat.mtimeNanoseconds + Self.racyWindow(for: $0.stat) }.max() ?? 0
        let wait = readyAt - clock.now().nanosecondsSince1970
        if !racy.isEmpty, wait <= 30_000_000 {
            if wait > 0 { usleep(useconds_t(wait / 1000 + 1)) }
            for (path, record) in racy {
                let statTime = clock.now().nanosecondsSince1970
                if let stat = try FileStat.of(root + "/" + path), stat == record.stat {
                    pending[path] = StatRecord(stat: stat, sha256: record.sha256, statTimeNanoseconds: statTime)
                } else {
                    pending[path] = nil
                }
            }
        }
        try store.saveStatRecords(pending)
        lock.withLock {
            for (path, record) in pending { known[path] = record }
            updated = [:]
        }
    }
}
