import Foundation

/// A file held by the stub's File API: an upload, or a batch's results.
package struct StubFile: Sendable {
    /// The id after `files/`.
    package let id: String
    package let displayName: String?
    package let mimeType: String
    package let data: Data
    /// Hex SHA-256 of `data`.
    package let sha256: String
    package let createTime: Date
    package internal(set) var expirationTime: Date
    /// `UPLOADED`, or `GENERATED` for batch results.
    package let source: String

    /// `files/abc123`.
    package var name: String { "files/\(id)" }

    func isLive(at now: Date) -> Bool { now < expirationTime }

    /// The File resource as the service prints it (int64 as a string; `sha256Hash` is base64 of the hex digest).
    func resource(baseURL: URL) -> [String: Any] {
        var file: [String: Any] = [
            "name": name, "mimeType": mimeType, "sizeBytes": String(data.count),
            "createTime": StubTime.format(createTime), "updateTime": StubTime.format(createTime),
            "expirationTime": StubTime.format(expirationTime),
            "sha256Hash": Data(sha256.utf8).base64EncodedString(), "uri": baseURL.absoluteString + "/v1beta/" + name,
            "state": "ACTIVE", "source": source,
        ]
        if let displayName { file["displayName"] = displayName }
        if source == "GENERATED" {
            file["downloadUri"] = baseURL.absoluteString + "/download/v1beta/\(name):download?alt=media"
        }
        return file
    }
}

/// One upload recorded for tests: which bytes arrived under which name.
package struct StubUpload: Sendable, Hashable {
    package let name: String
    /// Hex SHA-256 of the bytes.
    package let sha256: String
    package let size: Int
    package let mimeType: String
    package let displayName: String?
}
