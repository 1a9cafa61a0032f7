import AssetSupport
import Foundation

/// Keeps two runs from writing one project at once. It is an `flock` on `.generate-assets/run.lock`, so
/// the kernel releases it when its holder dies, even by SIGKILL: a lock is never left stale. The file
/// records the holder's PID for the waiting run's message.
package final class ProjectLock {
    private let fd: Int32

    /// Takes the lock, waiting (and saying so through `onWait`) unless `wait` is false.
    package init(projectRoot: String, wait: Bool, onWait: (RunEvent) -> Void) throws {
        let folder = projectRoot + "/" + StateFolder.name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/run.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFileError(operation: "open", path: path, code: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(fd)
            guard wait else {
                close(fd)
                throw UserFacingError(
                    "another generate-assets run (PID \(holder)) is working on this project",
                    fix: "wait for it to finish, or run without --no-wait to queue behind it")
            }
            onWait(.waitingForLock(holder: "\(holder)"))
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw POSIXFileError(operation: "lock", path: path, code: errno)
                }
            }
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, 32, 0)
        let text =
            count > 0
            ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "unknown" : text
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
