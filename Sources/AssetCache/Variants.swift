import AssetFingerprint
import AssetSupport
import Foundation

/// One numbered answer for a fingerprint: variant 1, 2, … in the order they were made.
package struct CachedVariant: Sendable, Hashable {
    package var number: Int
    package var result: CachedResult

    package init(number: Int, result: CachedResult) {
        self.number = number
        self.result = result
    }
}

/// Variants: every answer made for a fingerprint is kept under a number (`variants:` makes several, each
/// `--force` adds one). The fingerprint's row in `results` is the chosen one, the answer a restore writes;
/// `pick` chooses another.
extension CacheStore {
    /// Stores an answer and its image in one transaction as variant `atLeast` of its fingerprint when that
    /// number is free, else as the next variant after the highest (so numbers go on from those a lock file knows of).
    /// - Parameter choose: make it the fingerprint's result; it is made so anyway when there is none yet.
    /// - Returns: its variant number.
    @discardableResult
    package func storeVariant(_ result: CachedResult, image: Data, atLeast: Int = 1, choose: Bool) throws -> Int {
        assert(SHA256.hash(image) == result.blobSHA256, "result blob hash does not match its image")
        return try database.transaction {
            try storeBlob(image, sha256: result.blobSHA256)
            let last =
                try database.query("SELECT MAX(n) FROM variants WHERE fingerprint = ?", [.text(result.fingerprint.hex)])
                .first?.first?.int ?? 0
            // Variants made at once finish in any order: each takes its own number when it is free.
            let taken = try !database.query(
                "SELECT 1 FROM variants WHERE fingerprint = ? AND n = ?",
                [.text(result.fingerprint.hex), .int(Int64(atLeast))]
            ).isEmpty
            let number = taken || atLeast <= 0 ? max(Int(last) + 1, atLeast) : atLeast
            let row = try ResultRow.encode(result, createdAt: nowMilliseconds)
            try database.query(
                "INSERT OR REPLACE INTO variants (\(ResultRow.columns), n) VALUES (\(Self.placeholders(row.count + 1)))",
                row + [.int(Int64(number))])
            let hasResult = try !database.query(
                "SELECT 1 FROM results WHERE fingerprint = ?", [.text(result.fingerprint.hex)]
            ).isEmpty
            if choose || !hasResult { try makeResult(row, variant: number) }
            return number
        }
    }

    /// False for a cache opened read-only before migration 6 made the `variants` and `runs` tables.
    var hasVariantTables: Bool {
        get throws { try schemaVersion() >= 6 }
    }

    /// The variants of a fingerprint whose image is still present, by number.
    package func variants(of fingerprint: ContentHash) throws -> [CachedVariant] {
        guard try hasVariantTables else { return [] }
        let rows = try database.query(
            "SELECT \(ResultRow.columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")), v.n "
                + "FROM variants v JOIN blobs b ON b.sha256 = v.blob_sha256 WHERE v.fingerprint = ? ORDER BY v.n",
            [.text(fingerprint.hex)])
        return try rows.map {
            CachedVariant(number: Int($0[$0.count - 1].int ?? 0), result: try ResultRow.decode(Array($0.dropLast())))
        }
    }

    /// The highest variant number of a fingerprint whose image is present (0: none).
    package func lastVariant(of fingerprint: ContentHash) throws -> Int {
        guard try hasVariantTables else { return 0 }
        return Int(
            try database.query(
                "SELECT MAX(v.n) FROM variants v JOIN blobs b ON b.sha256 = v.blob_sha256 WHERE v.fingerprint = ?",
                [.text(fingerprint.hex)]
            ).first?.first?.int ?? 0)
    }

    /// Makes variant `number` the fingerprint's result, so a later restore writes it.
    /// - Returns: that variant, or nil when the cache does not have it.
    @discardableResult
    package func choose(_ fingerprint: ContentHash, variant number: Int) throws -> CachedVariant? {
        guard let variant = try variants(of: fingerprint).first(where: { $0.number == number }) else { return nil }
        try makeResult(try ResultRow.encode(variant.result, createdAt: nowMilliseconds), variant: number)
        return variant
    }

    /// The chosen variant of a fingerprint: the one its result is.
    package func chosenVariant(of fingerprint: ContentHash) throws -> CachedVariant? {
        guard let result = try result(for: fingerprint) else { return nil }
        guard try hasVariantTables else { return CachedVariant(number: 1, result: result) }
        let number = Int(
            try database.query("SELECT variant FROM results WHERE fingerprint = ?", [.text(fingerprint.hex)]).first?
                .first?.int ?? 1)
        let variants = try variants(of: fingerprint)
        return variants.first { $0.number == number } ?? variants.first { $0.result.blobSHA256 == result.blobSHA256 }
            ?? CachedVariant(number: number, result: result)
    }

    /// Forgets a variant (and the result, when it is the chosen one); its image stays as a blob.
    package func dropVariant(_ fingerprint: ContentHash, _ number: Int) throws {
        try database.transaction {
            if try hasVariantTables {
                try database.query(
                    "DELETE FROM variants WHERE fingerprint = ? AND n = ?",
                    [.text(fingerprint.hex), .int(Int64(number))])
            }
            try database.query(
                "DELETE FROM results WHERE fingerprint = ? AND variant = ?",
                [.text(fingerprint.hex), .int(Int64(number))])
        }
    }

    /// Writes a `results` row (as `ResultRow.encode` gives it) for variant `number`.
    func makeResult(_ row: [SQLValue], variant number: Int) throws {
        try database.query(
            "INSERT OR REPLACE INTO results (\(ResultRow.columns), variant) VALUES (\(Self.placeholders(row.count + 1)))",
            row + [.int(Int64(number))])
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
