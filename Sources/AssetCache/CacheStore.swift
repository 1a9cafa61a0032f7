import AssetFingerprint
import AssetSupport
import Foundation

/// The project's cache: `.generate-assets/cache.sqlite`, in WAL mode. Images are stored once, by SHA-256;
/// each fingerprint maps to the result that made its image. Never holds the API key.
package final class CacheStore: StatCacheStore, CachedImageLookup, @unchecked Sendable {
    package static let folderName = StateFolder.name
    package static let fileName = "cache.sqlite"

    package let database: SQLiteDatabase
    package let clock: any WallClock

    /// The cache folder of a project.
    package static func folder(projectRoot: String) -> String { projectRoot + "/" + folderName }

    /// Opens the project's cache, creating it (and a `.gitignore` that hides it from git) when missing.
    /// - Parameter readOnly: open without creating or migrating; returns nil when there is no cache yet.
    package static func open(projectRoot: String, readOnly: Bool = false, clock: any WallClock = SystemClock()) throws
        -> CacheStore?
    {
        let folder = Self.folder(projectRoot: projectRoot)
        let path = folder + "/" + fileName
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
        } else {
            try StateFolder.prepare(projectRoot: projectRoot)
        }
        do {
            return try CacheStore(path: path, readOnly: readOnly, clock: clock)
        } catch let error as SQLiteError where error.isStorageFailure {
            throw UserFacingError(
                "cannot write the cache in \(folderName)/: \(error.message) (SQLite \(error.code))",
                fix:
                    "free space on the disk that holds the project (it may be full), then run again; no output was changed"
            )
        } catch let error as SQLiteError where error.isCorruption {
            throw UserFacingError(
                "the cache \(folderName)/\(fileName) is damaged (\(error.message))",
                fix:
                    "run 'generate-assets cache reset' to set it aside and start a new one; your images in the project are untouched"
            )
        }
    }

    /// Opens a cache database at an explicit path (tests, tools).
    package init(path: String, readOnly: Bool = false, clock: any WallClock = SystemClock()) throws {
        self.clock = clock
        database = try SQLiteDatabase(path: path, readOnly: readOnly)
        if !readOnly {
            try database.execute(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA checkpoint_fullfsync=ON;"
            )
            try migrate()
        } else {
            try database.execute("PRAGMA query_only=ON;")
        }
    }

    /// The schema version this database is at.
    package func schemaVersion() throws -> Int {
        Int(try database.query("PRAGMA user_version").first?.first?.int ?? 0)
    }

    func migrate() throws {
        let current = try schemaVersion()
        guard current <= Migrations.all.count else {
            throw UserFacingError(
                "the cache was written by a newer generate-assets (schema \(current); this one knows \(Migrations.all.count))",
                fix: "update generate-assets, or run 'generate-assets cache reset'")
        }
        for (index, sql) in Migrations.all.enumerated() where index >= current {
            try database.transaction {
                // Another process may have migrated while this one waited for the write lock.
                guard try schemaVersion() == index else { return }
                try database.execute(sql)
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    var nowMilliseconds: Int64 { Int64(clock.now().timeIntervalSince1970 * 1000) }

    // MARK: Blobs

    package func hasBlob(_ sha256: ContentHash) throws -> Bool {
        try !database.query("SELECT 1 FROM blobs WHERE sha256 = ?", [.text(sha256.hex)]).isEmpty
    }

    /// The image bytes stored under `sha256`, checked against their hash.
    package func blob(_ sha256: ContentHash) throws -> Data? {
        guard
            let row = try database.query("SELECT CAST(data AS BLOB) FROM blobs WHERE sha256 = ?", [.text(sha256.hex)])
                .first
        else { return nil }
        let data = row.first?.blob ?? Data()
        guard SHA256.hash(data) == sha256 else {
            throw UserFacingError(
                "cached image \(sha256.short) is damaged",
                fix: "run 'generate-assets cache verify --repair' to drop damaged entries; the image is then made again"
            )
        }
        return data
    }

    /// The format a stored blob was sniffed as when it was stored.
    package func blobFormat(_ sha256: ContentHash) throws -> ImageFormat? {
        try database.query("SELECT format FROM blobs WHERE sha256 = ?", [.text(sha256.hex)]).first?.first?.text.flatMap(
            ImageFormat.init(rawValue:))
    }

    // MARK: Results

    /// The result cached for a fingerprint whose image is still present.
    package func result(for fingerprint: ContentHash) throws -> CachedResult? {
        let rows = try database.query(
            "SELECT r.* FROM results r JOIN blobs b ON b.sha256 = r.blob_sha256 WHERE r.fingerprint = ?",
            [.text(fingerprint.hex)])
        return try rows.first.map(ResultRow.decode)
    }

    /// The answer cached for a fingerprint and, when known, the output it gives in `format`: the chosen
    /// variant, or `preferred` when that is one of its variants (the answer the lock file records).
    package func cachedImage(for fingerprint: ContentHash, as format: ImageFormat, preferring preferred: ContentHash?)
        throws -> CachedImage?
    {
        var rows: [[SQLValue]] = []
        if let preferred, try hasVariantTables {
            rows = try database.query(
                "SELECT v.blob_sha256, b.format FROM variants v JOIN blobs b ON b.sha256 = v.blob_sha256 WHERE v.fingerprint = ? AND v.blob_sha256 = ?",
                [.text(fingerprint.hex), .text(preferred.hex)])
        }
        if rows.isEmpty {
            rows = try database.query(
                "SELECT r.blob_sha256, b.format FROM results r JOIN blobs b ON b.sha256 = r.blob_sha256 WHERE r.fingerprint = ?",
                [.text(fingerprint.hex)])
        }
        guard let row = rows.first, let answer = row[0].text.flatMap(ContentHash.init(hex:)) else { return nil }
        let variants = max(1, try lastVariant(of: fingerprint))
        if row[1].text == format.rawValue { return CachedImage(answer: answer, output: answer, variants: variants) }
        return CachedImage(
            answer: answer, output: try derived(from: answer, recipe: DerivedRecipe.format(format)), variants: variants)
    }

    // MARK: Derived images

    /// The image derived from `source` by `recipe` (a format conversion, a rendition), if it was made before.
    package func derived(from source: ContentHash, recipe: String) throws -> ContentHash? {
        let row = try database.query(
            "SELECT d.output_sha256 FROM derived d JOIN blobs b ON b.sha256 = d.output_sha256 WHERE d.source_sha256 = ? AND d.recipe = ?",
            [.text(source.hex), .text(recipe)]
        ).first
        return row?.first?.text.flatMap(ContentHash.init(hex:))
    }

    /// Stores a derived image and the recipe that made it, in one transaction.
    package func storeDerived(_ image: Data, sha256: ContentHash, from source: ContentHash, recipe: String) throws {
        try database.transaction {
            try storeBlob(image, sha256: sha256)
            try database.query(
                "INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)",
                [.text(source.hex), .text(recipe), .text(sha256.hex), .int(nowMilliseconds)])
        }
    }

    /// Every result whose image is `sha256`, newest first.
    package func results(withBlob sha256: ContentHash) throws -> [CachedResult] {
        try database.query("SELECT * FROM results WHERE blob_sha256 = ? ORDER BY created_at DESC", [.text(sha256.hex)])
            .map(ResultRow.decode)
    }

    /// Stores an image and its result in one transaction: either both are there afterwards, or neither.
    /// It becomes the fingerprint's result and its next variant (see `storeVariant`).
    package func store(_ result: CachedResult, image: Data) throws {
        try storeVariant(result, image: image, choose: true)
    }

    /// Keeps image bytes with no result (an answer that could not be used, but was paid for).
    @discardableResult
    package func storeBlob(_ image: Data, sha256 known: ContentHash? = nil) throws -> ContentHash {
        let hash = known ?? SHA256.hash(image)
        guard try !hasBlob(hash) else { return hash }
        try database.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, format, data, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(hash.hex), .int(Int64(image.count)), ImageFormat.sniff(image).map { .text($0.rawValue) } ?? .null,
                .null, .int(nowMilliseconds),
            ],
            blob: image, at: 4)
        return hash
    }

    // MARK: Call log

    package func logCall(_ call: CallRecord) throws {
        try database.query(
            """
            INSERT INTO calls (started_at, asset_id, provider, model, status, http_status, attempts, duration_ms,
                               prompt_tokens, output_tokens, thoughts_tokens, cost_usd, error, possibly_billed, reserved_usd, batch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .int(Int64(call.startedAt.timeIntervalSince1970 * 1000)), .text(call.assetID), .text(call.provider),
                .text(call.model), .text(call.status),
                call.httpStatus.map { .int(Int64($0)) } ?? .null, .int(Int64(call.attempts)),
                .int(Int64(call.duration * 1000)),
                call.usage.map { .int(Int64($0.promptTokens)) } ?? .null,
                call.usage.map { .int(Int64($0.outputTokens)) } ?? .null,
                call.usage.map { .int(Int64($0.thoughtsTokens)) } ?? .null, call.costUSD.map { .double($0) } ?? .null,
                call.error.map { .text($0) } ?? .null,
                .int(Int64(call.possiblyBilled)), call.reservedUSD.map { .double($0) } ?? .null,
                .int(call.batch ? 1 : 0),
            ])
    }

    // MARK: Stat cache

    package func loadStatRecords() throws -> [String: StatRecord] {
        var records: [String: StatRecord] = [:]
        for row in try database.query(
            "SELECT path, size, mtime_ns, ctime_ns, inode, sha256, stat_time_ns FROM file_stats")
        {
            guard let path = row[0].text, let hash = row[5].text.flatMap(ContentHash.init(hex:)) else { continue }
            let stat = FileStat(
                size: row[1].int ?? -1, mtimeNanoseconds: row[2].int ?? 0, ctimeNanoseconds: row[3].int ?? 0,
                inode: UInt64(bitPattern: row[4].int ?? 0))
            records[path] = StatRecord(stat: stat, sha256: hash, statTimeNanoseconds: row[6].int ?? 0)
        }
        return records
    }

    package func saveStatRecords(_ records: [String: StatRecord]) throws {
        try database.transaction {
            for (path, record) in records {
                try database.query(
                    "INSERT OR REPLACE INTO file_stats VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        .text(path), .int(record.stat.size), .int(record.stat.mtimeNanoseconds),
                        .int(record.stat.ctimeNanoseconds),
                        .int(Int64(bitPattern: record.stat.inode)), .text(record.sha256.hex),
                        .int(record.statTimeNanoseconds),
                    ])
            }
        }
    }
}
