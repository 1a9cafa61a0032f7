import AssetSupport
import Foundation

/// Uploaded and generated files, and resumable uploads in progress. Thread-safe.
final class StubFileStore: @unchecked Sendable {
    struct Session {
        var displayName: String?
        var mimeType: String
        var announcedLength: Int
        var received = Data()
    }

    private let lock = NSLock()
    private var files: [String: StubFile] = [:]
    private var sessions: [String: Session] = [:]
    var ttl: TimeInterval
    private let clock: any WallClock

    init(ttl: TimeInterval, clock: any WallClock) {
        self.ttl = ttl
        self.clock = clock
    }

    /// Opens a resumable upload and returns its id.
    func startUpload(displayName: String?, mimeType: String, length: Int) -> String {
        let id = StubIDs.make(length: 32)
        lock.withLock { sessions[id] = Session(displayName: displayName, mimeType: mimeType, announcedLength: length) }
        return id
    }

    func session(_ id: String) -> Session? { lock.withLock { sessions[id] } }

    /// Appends a chunk at `offset`; on `finalize`, the upload becomes a file. Refusals name what was wrong.
    func append(_ chunk: Data, to uploadID: String, offset: Int, finalize: Bool) -> Result<StubFile?, StubRefusal> {
        lock.withLock {
            guard var session = sessions[uploadID] else {
                return .failure(StubRefusal(404, "The upload session was not found or has already been finalized."))
            }
            guard offset == session.received.count else {
                return .failure(
                    StubRefusal(
                        400,
                        "Invalid X-Goog-Upload-Offset \(offset): \(session.received.count) bytes have been received."))
            }
            session.received.append(chunk)
            guard session.received.count <= session.announcedLength,
                !finalize || session.received.count == session.announcedLength
            else {
                sessions[uploadID] = nil
                return .failure(
                    StubRefusal(
                        400,
                        "Upload size mismatch: received \(session.received.count) bytes, but X-Goog-Upload-Header-Content-Length announced \(session.announcedLength)."
                    ))
            }
            guard finalize else {
                sessions[uploadID] = session
                return .success(nil)
            }
            sessions[uploadID] = nil
            let file = insert(
                session.received, mimeType: session.mimeType, displayName: session.displayName, source: "UPLOADED")
            return .success(file)
        }
    }

    /// Stores a generated file (a batch's results).
    func addGenerated(_ data: Data, mimeType: String, displayName: String?) -> StubFile {
        lock.withLock {
            insert(data, mimeType: mimeType, displayName: displayName, source: "GENERATED", prefix: "batch-")
        }
    }

    private func insert(_ data: Data, mimeType: String, displayName: String?, source: String, prefix: String = "")
        -> StubFile
    {
        let now = clock.now()
        let file = StubFile(
            id: prefix + StubIDs.make(length: 12), displayName: displayName, mimeType: mimeType, data: data,
            sha256: SHA256.hash(data).hex, createTime: now, expirationTime: now.addingTimeInterval(ttl), source: source)
        files[file.id] = file
        return file
    }

    /// The file if it exists and has not expired.
    func live(_ id: String) -> StubFile? {
        lock.withLock { files[id].flatMap { $0.isLive(at: clock.now()) ? $0 : nil } }
    }

    /// Every live file, newest first (the order `files.list` answers in).
    func allLive() -> [StubFile] {
        lock.withLock {
            files.values.filter { $0.isLive(at: Date()) }.sorted { ($0.createTime, $0.id) > ($1.createTime, $1.id) }
        }
    }

    /// Removes a live file; false when there was none.
    func delete(_ id: String) -> Bool {
        lock.withLock {
            guard let file = files[id], file.isLive(at: clock.now()) else { return false }
            files[id] = nil
            return true
        }
    }

    /// Every file (or those with `ids`) expires now.
    func expire(_ ids: Set<String>? = nil) {
        lock.withLock {
            let past = clock.now().addingTimeInterval(-1)
            for id in files.keys where ids?.contains(id) ?? true { files[id]!.expirationTime = past }
        }
    }

    /// The file a `fileUri` (`<base>/v1beta/files/abc`) or a name (`files/abc`) refers to: its id, nil when it names no file.
    static func fileID(fromURI uri: String) -> String? {
        guard let range = uri.range(of: #"(^|/)files/[a-z0-9-]+$"#, options: .regularExpression) else { return nil }
        return String(uri[range].split(separator: "/").last!)
    }
}
