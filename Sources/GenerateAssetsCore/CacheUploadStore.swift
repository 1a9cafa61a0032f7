import AssetCache
import AssetProviders
import AssetSupport
import Foundation

/// File API uploads remembered in the cache's `uploads` table, so a later run reuses a live upload.
extension CacheStore: UploadStore {
    package func upload(of sha256: ContentHash, at endpoint: String) throws -> UploadedFile? {
        let row = try database.query(
            "SELECT name, uri, mime_type, size, expires_at FROM uploads WHERE sha256 = ? AND endpoint = ?",
            [.text(sha256.hex), .text(endpoint)]
        ).first
        guard let row, let name = row[0].text, let uri = row[1].text, let mime = row[2].text else { return nil }
        return UploadedFile(
            name: name, uri: uri, mimeType: mime, sizeBytes: Int(row[3].int ?? 0),
            expiresAt: Date(timeIntervalSince1970: Double(row[4].int ?? 0) / 1000))
    }

    package func save(_ file: UploadedFile, of sha256: ContentHash, at endpoint: String) throws {
        try database.query(
            "INSERT OR REPLACE INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(sha256.hex), .text(endpoint), .text(file.name), .text(file.uri), .text(file.mimeType),
                .int(Int64(file.sizeBytes)),
                .int(Int64(file.expiresAt.timeIntervalSince1970 * 1000)),
                .int(Int64(clock.now().timeIntervalSince1970 * 1000)),
            ])
    }

    package func forget(_ sha256: ContentHash, at endpoint: String) throws {
        try database.query(
            "DELETE FROM uploads WHERE sha256 = ? AND endpoint = ?", [.text(sha256.hex), .text(endpoint)])
    }
}
