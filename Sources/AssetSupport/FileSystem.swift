import Foundation

#if os(Linux)
    import Glibc
#else
    import Darwin
#endif

/// A failed system call on a file, with the path and the system's reason.
package struct POSIXFileError: Error, Sendable, CustomStringConvertible {
    package var operation: String
    package var path: String
    package var code: Int32

    package init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    package var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
}

/// The stat fields that tell whether a file may have changed without reading it.
package struct FileStat: Sendable, Hashable, Codable {
    package var size: Int64
    package var mtimeNanoseconds: Int64
    package var ctimeNanoseconds: Int64
    package var inode: UInt64

    package init(size: Int64, mtimeNanoseconds: Int64, ctimeNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.ctimeNanoseconds = ctimeNanoseconds
        self.inode = inode
    }

    /// Follows symlinks; nil when the file does not exist.
    package static func of(_ path: String) throws -> FileStat? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw POSIXFileError(operation: "stat", path: path, code: errno)
        }
        return FileStat(info)
    }

    /// The stat of a NUL-terminated path; nil when it cannot be read, whatever the reason.
    package static func of(cPath: UnsafePointer<UInt8>) -> FileStat? {
        var info = stat()
        guard cPath.withMemoryRebound(to: CChar.self, capacity: 1, { stat($0, &info) }) == 0 else { return nil }
        return FileStat(info)
    }

    init(_ info: stat) {
        #if os(Linux)
            let mtime = info.st_mtim
            let ctime = info.st_ctim
        #else
            let mtime = info.st_mtimespec
            let ctime = info.st_ctimespec
        #endif
        self.init(
            size: Int64(info.st_size),
            mtimeNanoseconds: Int64(mtime.tv_sec) * 1_000_000_000 + Int64(mtime.tv_nsec),
            ctimeNanoseconds: Int64(ctime.tv_sec) * 1_000_000_000 + Int64(ctime.tv_nsec),
            inode: UInt64(info.st_ino)
        )
    }
}

/// What is at a path, from one `stat` (symlinks followed).
package enum FileKind: Sendable {
    case missing, file, directory, other

    package init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        self.init(mode: info.st_mode)
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .file
        case S_IFDIR: self = .directory
        default: self = .other
        }
    }
}

/// One `stat` of a path and when it was taken: what validation saw, handed on so planning need not ask again.
package struct FileReading: Sendable {
    package var kind: FileKind
    /// Nil when the path does not exist (or cannot be statted).
    package var stat: FileStat?
    /// When the stat was taken (nanoseconds since 1970, read before the call), for the racy-clean guard.
    package var timeNanoseconds: Int64

    package init(kind: FileKind, stat: FileStat?, timeNanoseconds: Int64) {
        self.kind = kind
        self.stat = stat
        self.timeNanoseconds = timeNanoseconds
    }

    /// Stats `path` (symlinks followed), taking the time from `now` first.
    package init(_ path: String, now: () -> Int64) {
        timeNanoseconds = now()
        guard let info = systemStat(path) else {
            kind = .missing
            stat = nil
            return
        }
        kind = FileKind(mode: info.st_mode)
        stat = FileStat(info)
    }
}

/// `stat(2)`, symlinks followed; nil on failure.
private func systemStat(_ path: String) -> stat? {
    var info = stat()
    return stat(path, &info) == 0 ? info : nil
}

/// Reads a whole file with plain POSIX calls (Foundation's reader leaks a buffer on some inputs on Linux,
/// and copies in small steps).
package enum FileContents {
    /// The file's bytes (indices from 0); nil when it cannot be opened. Reading stops once more than `limit`
    /// bytes were read.
    package static func read(_ path: String, limit: Int = Int.max) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        let expected = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        var data = Data(count: max(min(expected, limit), 0) + 1)  // one more: a file that grew shows it
        var count = 0
        while count <= limit {
            if count == data.count { data.count += max(data.count, 1 << 16) }
            let read = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + count, $0.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if read == 0 { break }
            count += read
        }
        data.count = count
        return data
    }
}

/// Path helpers that keep every project path relative, normalized and inside the project.
package enum ProjectPath {
    /// Normalizes `a/./b/../c` to `a/c`; nil when the path is absolute, empty or climbs out with `..`.
    package static func normalize(_ relative: String) -> String? {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.hasPrefix("~") else { return nil }
        if isNormal(relative) { return relative }
        var parts: [Substring] = []
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// True when no component is empty, `.` or `..`: such a path is its own normal form.
    static func isNormal(_ relative: String) -> Bool {
        var length = 0  // of the current component
        var dots = 0  // leading dots of the current component, while it is only dots
        for byte in relative.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (dots == length && dots <= 2) { return false }
                length = 0
                dots = 0
            } else {
                if byte == UInt8(ascii: ".") && dots == length { dots += 1 }
                length += 1
            }
        }
        return length > 0 && !(dots == length && dots <= 2)
    }

    /// The canonical absolute path with symlinks resolved; for a missing file, its deepest existing ancestor is resolved.
    package static func resolved(_ absolute: String) -> String {
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let folder = parent(absolute)
        guard folder != absolute, !folder.isEmpty, folder != "/" else { return absolute }
        return resolved(folder) + "/" + name(absolute)
    }

    /// The folder part of a path ("" for a bare name). Foundation's NSString path methods crash on some
    /// short inputs on Linux, so paths are split here.
    package static func parent(_ path: String) -> String {
        guard let slash = lastIndex(of: "/", in: path) else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    package static func name(_ path: String) -> String {
        lastIndex(of: "/", in: path).map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// The extension of the last component, without the dot ("" when none).
    package static func fileExtension(_ path: String) -> String {
        let base = name(path)
        guard let dot = lastIndex(of: ".", in: base), dot != base.startIndex else { return "" }
        return String(base[base.index(after: dot)...])
    }

    /// `text.lastIndex(of: separator)`, found by a byte search when ASCII surrounds the byte (so it cannot
    /// be part of a longer character); otherwise by the character search itself.
    static func lastIndex(of separator: Unicode.Scalar, in text: String) -> String.Index? {
        let utf8 = text.utf8
        guard let index = utf8.lastIndex(of: UInt8(ascii: separator)) else { return nil }
        let after = utf8.index(after: index)
        if (after == utf8.endIndex || utf8[after] < 0x80)
            && (index == utf8.startIndex || utf8[utf8.index(before: index)] < 0x80)
        {
            return index
        }
        return text.lastIndex(of: Character(separator))
    }

    /// The path without its extension.
    package static func removingExtension(_ path: String) -> String {
        let ext = fileExtension(path)
        return ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    }

    /// True when `path` is `root` or lies below it (both canonical).
    package static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

/// Writes a file so that readers only ever see the old complete file or the new complete one:
/// a temp file in the same folder, flushed to the drive (`durableFlush`), renamed, then the folder flushed.
package final class AtomicFileWriter {
    package let destination: String
    private let temporary: String
    private var fd: Int32
    private var finished = false

    /// Creates the destination's folder if needed and opens a temp file beside it.
    package init(destination: String) throws {
        self.destination = destination
        let folder = ProjectPath.parent(destination)
        try FileManager.default.createDirectory(
            atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let name = ProjectPath.name(destination)
        let templatePath = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-XXXXXX"
        var template = Array(templatePath.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw POSIXFileError(operation: "create a temp file for", path: destination, code: errno)
        }
        fd = descriptor
        temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = fchmod(fd, 0o644)
    }

    deinit { if !finished { abort() } }

    package func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXFileError(operation: "write", path: temporary, code: errno)
            }
            offset += written
        }
    }

    package func write(_ data: some DataProtocol) throws {
        for region in data.regions { try region.withUnsafeBytes { try write($0) } }
    }

    /// Flushes to disk and renames over the destination.
    /// - Parameter durable: false to skip the flushes, for a file that may be lost in a crash (a cache's
    ///   shortcut): readers still see the old file or the new one.
    package func commit(durable: Bool = true) throws {
        guard !finished else { return }
        guard !durable || durableFlush(fd) == 0 else {
            let code = errno
            abort()
            throw POSIXFileError(operation: "fsync", path: temporary, code: code)
        }
        close(fd)
        finished = true
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw POSIXFileError(operation: "rename into place", path: destination, code: code)
        }
        guard durable else { return }
        let folder = ProjectPath.parent(destination)
        let dirfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = durableFlush(dirfd)
            close(dirfd)
        }
    }

    /// Drops the temp file; the destination is untouched.
    package func abort() {
        guard !finished else { return }
        finished = true
        close(fd)
        unlink(temporary)
    }

    /// Writes `data` to `path` atomically in one call.
    package static func write(_ data: some DataProtocol, to path: String, durable: Bool = true) throws {
        let writer = try AtomicFileWriter(destination: path)
        try writer.write(data)
        try writer.commit(durable: durable)
    }
}

/// The folder generate-assets keeps its own files in, inside a project (cache, run lock, reports).
package enum StateFolder {
    package static let name = ".generate-assets"

    /// Creates the project's state folder when missing, always with the `.gitignore` that keeps it out of
    /// git: whichever command makes it first (`generate`, `report` in a fresh clone).
    package static func prepare(projectRoot: String) throws {
        let folder = projectRoot + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ignore = folder + "/.gitignore"
        if !FileManager.default.fileExists(atPath: ignore) {
            try AtomicFileWriter.write(Data("# generate-assets cache: local to this machine\n*\n".utf8), to: ignore)
        }
    }
}
