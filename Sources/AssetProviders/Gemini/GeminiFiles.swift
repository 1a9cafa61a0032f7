import AssetSupport
import Foundation

/// A reference uploaded through the File API.
package struct UploadedFile: Sendable, Hashable {
    package var name: String
    package var uri: String
    package var mimeType: String
    package var sizeBytes: Int
    package var expiresAt: Date

    package init(name: String, uri: String, mimeType: String, sizeBytes: Int, expiresAt: Date) {
        self.name = name
        self.uri = uri
        self.mimeType = mimeType
        self.sizeBytes = sizeBytes
        self.expiresAt = expiresAt
    }
}

/// Remembers uploads by content hash, so the same bytes go up once while the file lives (SQLite in production).
package protocol UploadStore: Sendable {
    func upload(of sha256: ContentHash, at endpoint: String) throws -> UploadedFile?
    func save(_ file: UploadedFile, of sha256: ContentHash, at endpoint: String) throws
    func forget(_ sha256: ContentHash, at endpoint: String) throws
}

/// Uploads for one process only: used when there is no cache to remember them in.
package final class MemoryUploadStore: UploadStore {
    private let stored = LockedValue<[String: UploadedFile]>([:])

    package init() {}

    package func upload(of sha256: ContentHash, at endpoint: String) throws -> UploadedFile? {
        stored.value[endpoint + sha256.hex]
    }
    package func save(_ file: UploadedFile, of sha256: ContentHash, at endpoint: String) throws {
        stored.withValue { $0[endpoint + sha256.hex] = file }
    }
    package func forget(_ sha256: ContentHash, at endpoint: String) throws {
        _ = stored.withValue { $0.removeValue(forKey: endpoint + sha256.hex) }
    }
}

/// The File API's resumable upload: a `start` request that answers with an upload URL, then one
/// `upload, finalize` request with the bytes.
struct GeminiFiles {
    let settings: GeminiSettings

    /// Where uploads of this service live, for `UploadStore` keys (never includes the key).
    var endpoint: String { settings.baseURL.absoluteString + "/" + settings.apiVersion }

    func startRequest(size: Int, mimeType: String, displayName: String) throws -> HTTPRequest {
        let url = settings.baseURL.appendingPathComponent("upload").appendingPathComponent(settings.apiVersion)
            .appendingPathComponent("files")
        let body = try JSONSerialization.data(withJSONObject: ["file": ["displayName": displayName]])
        return HTTPRequest(
            url: url,
            headers: settings.headers.merging([
                "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start",
                "x-goog-upload-header-content-length": String(size), "x-goog-upload-header-content-type": mimeType,
            ]) { $1 }, body: body)
    }

    func finalizeRequest(uploadURL: URL, data: Data) -> HTTPRequest {
        HTTPRequest(
            url: uploadURL,
            headers: settings.headers.merging([
                "x-goog-upload-command": "upload, finalize", "x-goog-upload-offset": "0",
                "content-type": "application/octet-stream",
            ]) { $1 }, body: data)
    }

    /// Reads `{"file": {...}}` from the finalize answer.
    static func parseFile(_ body: Data, now: Date) -> UploadedFile? {
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        let file = (root["file"] as? [String: Any]) ?? root
        guard let name = file["name"] as? String, let uri = file["uri"] as? String else { return nil }
        let size = (file["sizeBytes"] as? String).flatMap(Int.init) ?? (file["sizeBytes"] as? NSNumber)?.intValue ?? 0
        let expiry = (file["expirationTime"] as? String).flatMap(Timestamps.parse) ?? now.addingTimeInterval(47 * 3600)
        return UploadedFile(
            name: name, uri: uri, mimeType: file["mimeType"] as? String ?? "application/octet-stream", sizeBytes: size,
            expiresAt: expiry)
    }

    /// The file names an error message mentions (`files/abc123`): the uploads the service no longer has.
    static func mentionedFiles(_ message: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"files/[A-Za-z0-9_-]+"#)
        let range = NSRange(message.startIndex..., in: message)
        return pattern.matches(in: message, range: range).compactMap {
            Range($0.range, in: message).map { String(message[$0]) }
        }
    }
}

/// RFC 3339 timestamps as the service writes them (`2026-11-27T10:00:00.123456Z`).
enum Timestamps {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
