import Foundation

/// Flushes a file's data to the drive itself. Linux's `fsync` does; Darwin's only hands the data to the
/// drive, whose cache may still lose it in a power cut, so there `fcntl(F_FULLFSYNC)` asks the drive to
/// flush, falling back to `fsync` on file systems that refuse it (some network and FUSE mounts).
/// - Returns: 0, or -1 with `errno` set, as `fsync` does.
package func durableFlush(_ fd: Int32) -> Int32 {
    #if os(Linux)
        return fsync(fd)
    #else
        if fcntl(fd, F_FULLFSYNC) == 0 { return 0 }
        return fsync(fd)  // portability: allow (the fallback where F_FULLFSYNC is refused)
    #endif
}
