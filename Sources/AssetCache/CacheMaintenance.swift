import AssetFingerprint
import AssetSupport
import Foundation

/// Totals for `cache stats`.
package struct CacheStatistics: Sendable, Codable {
    package var blobs: Int
    package var blobBytes: Int64
    package var results: Int
    package var placeholderResults: Int
    package var statEntries: Int
    package var calls: Int
    package var spentUSD: Double
    package var schemaVersion: Int
}

/// What `cache verify` found.
package struct VerifyReport: Sendable, Codable {
    package var integrity: String
    package var blobsChecked: Int
    package var damagedBlobs: [ContentHash]
    package var resultsWithoutBlob: Int
    /// Derived images (format conversions, renditions) whose answer or output blob is missing.
    package var derivedWithoutBlob: Int
    /// Stored edit turns that cannot be replayed as they are (see `damagedEditTurns`).
    package var damagedTurns: [DamagedEditTurn] = []
    package var isHealthy: Bool {
        integrity == "ok" && damagedBlobs.isEmpty && resultsWithoutBlob == 0 && derivedWithoutBlob == 0
            && damagedTurns.isEmpty
    }
}

/// What `cache gc` removed (or would remove).
package struct CollectionReport: Sendable, Codable {
    package var blobs: [ContentHash]
    package var bytes: Int64
    package var results: Int
    /// What each image was, so a person can judge before deleting it.
    package var images: [CollectedImage] = []

    package init(blobs: [ContentHash], bytes: Int64, results: Int, images: [CollectedImage] = []) {
        self.blobs = blobs
        self.bytes = bytes
        self.results = results
        self.images = images
    }
}

/// One image `cache gc` removes: what made it and what it cost.
package struct CollectedImage: Sendable, Codable, Equatable {
    package var sha256: ContentHash
    package var bytes: Int64
    package var model: String?
    package var prompt: String?
    package var costUSD: Double?
    package var placeholder: Bool

    enum CodingKeys: String, CodingKey {
        case sha256, bytes, model, prompt, placeholder
        case costUSD = "cost_usd"
    }
}

extension CacheStore {
    package func statistics() throws -> CacheStatistics {
        func count(_ sql: String) throws -> Int { Int(try database.query(sql).first?.first?.int ?? 0) }
        let blobs = try database.query("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blobs").first ?? []
        return CacheStatistics(
            blobs: Int(blobs.first?.int ?? 0), blobBytes: blobs.last?.int ?? 0,
            results: try count("SELECT COUNT(*) FROM results"),
            placeholderResults: try count("SELECT COUNT(*) FROM results WHERE placeholder = 1"),
            statEntries: try count("SELECT COUNT(*) FROM file_stats"),
            calls: try count("SELECT COUNT(*) FROM calls"),
            spentUSD: try database.query("SELECT COALESCE(SUM(cost_usd), 0) FROM calls").first?.first?.double ?? 0,
            schemaVersion: try schemaVersion())
    }

    /// Moves what the write-ahead log holds into the database file and empties the log, so `cache.sqlite`
    /// alone is the whole cache (a CI step that keeps only that file keeps everything).
    package func checkpoint() throws {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE);")
    }

    /// Runs SQLite's integrity check and rehashes every blob, one at a time. With `repair`, damaged blobs
    /// and the results that point at them are dropped, so the next run regenerates or restores them.
    package func verify(repair: Bool = false) throws -> VerifyReport {
        let integrity = try database.query("PRAGMA integrity_check").compactMap { $0.first?.text }.joined(
            separator: "; ")
        let hashes = try database.query("SELECT sha256 FROM blobs").compactMap { $0.first?.text }
        var damaged: [ContentHash] = []
        for hex in hashes {
            // Read as bytes whatever SQLite stored: a value rewritten as text (or emptied) is damaged too.
            let data =
                try database.query("SELECT CAST(data AS BLOB) FROM blobs WHERE sha256 = ?", [.text(hex)]).first?
                .first?.blob ?? Data()
            if SHA256.hash(data).hex != hex, let hash = ContentHash(hex: hex) { damaged.append(hash) }
        }
        let orphans =
            Int(
                try database.query("SELECT COUNT(*) FROM results WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)")
                    .first?.first?.int ?? 0)
            + Int(
                try database.query("SELECT COUNT(*) FROM variants WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)")
                    .first?.first?.int ?? 0)
        let damagedHex = Set(damaged.map(\.hex))
        let orphanDerived =
            try database.query(
                "SELECT source_sha256, output_sha256 FROM derived WHERE source_sha256 NOT IN (SELECT sha256 FROM blobs) OR output_sha256 NOT IN (SELECT sha256 FROM blobs)"
            ).count
            + database.query("SELECT source_sha256, output_sha256 FROM derived").filter {
                $0.contains { damagedHex.contains($0.text ?? "") }
            }.count
        let damagedTurns = try damagedEditTurns()
        if repair {
            try database.transaction {
                try dropEditTurns(damagedTurns)
                for hash in damaged { try dropResults(of: hash) }
                try database.query("DELETE FROM results WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)")
                try database.query("DELETE FROM variants WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)")
                try database.query(
                    "DELETE FROM derived WHERE source_sha256 NOT IN (SELECT sha256 FROM blobs) OR output_sha256 NOT IN (SELECT sha256 FROM blobs)"
                )
            }
        }
        return VerifyReport(
            integrity: integrity, blobsChecked: hashes.count, damagedBlobs: damaged, resultsWithoutBlob: orphans,
            derivedWithoutBlob: orphanDerived, damagedTurns: damagedTurns)
    }

    /// Finds blobs no one needs: not in `keep`, not the image of a result for a fingerprint in
    /// `keepFingerprints`, and older than `cutoff`. Deletes them (and their results) unless `dryRun`.
    package func collectGarbage(keep: Set<ContentHash>, keepFingerprints: Set<ContentHash>, cutoff: Date, dryRun: Bool)
        throws -> CollectionReport
    {
        let cutoffMilliseconds = Int64(cutoff.timeIntervalSince1970 * 1000)
        var protected = keep
        for row in try database.query(
            "SELECT fingerprint, blob_sha256, created_at FROM results UNION ALL SELECT fingerprint, blob_sha256, created_at FROM variants"
                + (try schemaVersion() >= 9
                    ? " UNION ALL SELECT fingerprint, blob_sha256, created_at FROM edit_turns" : "")
        ) {
            guard let fingerprint = row[0].text.flatMap(ContentHash.init(hex:)),
                let blob = row[1].text.flatMap(ContentHash.init(hex:))
            else { continue }
            if keepFingerprints.contains(fingerprint) || (row[2].int ?? 0) >= cutoffMilliseconds {
                protected.insert(blob)
            }
        }
        var victims: [ContentHash] = []
        var bytes: Int64 = 0
        var images: [CollectedImage] = []
        for row in try database.query("SELECT sha256, size, created_at FROM blobs") {
            guard let hash = row[0].text.flatMap(ContentHash.init(hex:)), !protected.contains(hash),
                (row[2].int ?? 0) < cutoffMilliseconds
            else { continue }
            victims.append(hash)
            bytes += row[1].int ?? 0
            images.append(try describe(hash, bytes: row[1].int ?? 0))
        }
        var results = 0
        for hash in victims {
            results += Int(
                try database.query("SELECT COUNT(*) FROM results WHERE blob_sha256 = ?", [.text(hash.hex)]).first?
                    .first?.int ?? 0)
        }
        if !dryRun, !victims.isEmpty {
            try database.transaction {
                for hash in victims { try dropResults(of: hash) }
            }
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        }
        return CollectionReport(
            blobs: victims.sorted(), bytes: bytes, results: results,
            images: images.sorted { $0.sha256.hex < $1.sha256.hex })
    }

    /// What made an image, from the first answer that has it (derived images have none).
    func describe(_ hash: ContentHash, bytes: Int64) throws -> CollectedImage {
        let row = try database.query(
            "SELECT model, inputs, cost_usd, placeholder FROM variants WHERE blob_sha256 = ? UNION ALL "
                + "SELECT model, inputs, cost_usd, placeholder FROM results WHERE blob_sha256 = ? LIMIT 1",
            [.text(hash.hex), .text(hash.hex)]
        ).first
        let inputs = row?[1].text.flatMap { try? JSONDecoder().decode(AssetInputs.self, from: Data($0.utf8)) }
        return CollectedImage(
            sha256: hash, bytes: bytes, model: row?[0].text, prompt: inputs?.prompt, costUSD: row?[2].double,
            placeholder: row?[3].int == 1)
    }

    /// Deletes a blob with the results, variants and derived images that use it.
    func dropResults(of hash: ContentHash) throws {
        try dropDerived(touching: hash)
        try database.query("DELETE FROM results WHERE blob_sha256 = ?", [.text(hash.hex)])
        try database.query("DELETE FROM variants WHERE blob_sha256 = ?", [.text(hash.hex)])
        try database.query("DELETE FROM edit_turns WHERE blob_sha256 = ?", [.text(hash.hex)])
        try database.query("DELETE FROM blobs WHERE sha256 = ?", [.text(hash.hex)])
    }

    func dropDerived(touching hash: ContentHash) throws {
        try database.query(
            "DELETE FROM derived WHERE source_sha256 = ? OR output_sha256 = ?", [.text(hash.hex), .text(hash.hex)])
    }

    /// Moves a damaged or unwanted cache aside (never deletes it: it may hold paid-for images).
    /// - Returns: the path it was moved to, or nil when there was no cache.
    package static func reset(projectRoot: String, clock: any WallClock = SystemClock()) throws -> String? {
        let folder = Self.folder(projectRoot: projectRoot)
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let stamp = Int(clock.now().timeIntervalSince1970)
        let aside = folder + "/cache-\(stamp).sqlite.old"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        // The call log is what was spent: carried into the new cache when the old one can still be read.
        if let fresh = try? open(projectRoot: projectRoot, clock: clock) { try? fresh.carryCalls(from: aside) }
        return aside
    }

    /// Copies the `calls` rows of the database at `path` (the columns both have) into this cache.
    func carryCalls(from path: String) throws {
        let columns = { (schema: String) in
            try self.database.query("PRAGMA \(schema).table_info(calls)").compactMap { $0[1].text }
        }
        try database.query("ATTACH DATABASE ? AS old", [.text(path)])
        defer { _ = try? database.query("DETACH DATABASE old") }
        let shared = try columns("main").filter(try Set(columns("old")).contains).joined(separator: ", ")
        guard !shared.isEmpty else { return }
        try database.query("INSERT INTO main.calls (\(shared)) SELECT \(shared) FROM old.calls")
    }
}
