import AssetSupport
import Foundation

/// Uploads under way in this process, by content and service: a call that needs bytes another call is
/// uploading waits for that upload instead of sending the bytes again (two assets sharing a reference that
/// start together make one upload).
final class PendingUploads: Sendable {
    private let running = LockedValue<[String: Task<UploadedFile, any Error>]>([:])

    /// The result of the upload under way for `key`, or of `work` started now.
    /// - Returns: the file, and true when this call did the upload.
    func share(_ key: String, _ work: @escaping @Sendable () async throws -> UploadedFile) async throws
        -> (UploadedFile, Bool)
    {
        let (task, started) = running.withValue { running in
            if let task = running[key] { return (task, false) }
            let task = Task { try await work() }
            running[key] = task
            return (task, true)
        }
        if started {
            defer { running.withValue { _ = $0.removeValue(forKey: key) } }
            return (try await task.value, true)
        }
        return (try await task.value, false)
    }
}

extension GeminiProvider {
    /// How long an upload referenced by a Batch API line must still live: the job may wait up to 48 hours
    /// at the service, so only a file uploaded within the last hour (of this submit, in practice) is reused.
    package static let batchUploadLifetime: TimeInterval = 47 * 3600
}
