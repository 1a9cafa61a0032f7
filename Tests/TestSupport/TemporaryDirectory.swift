import Foundation

/// A fresh folder under the system temp directory, removed when the value is deinitialized.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "generate-assets-test") {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // realpath(3), as the tool resolves paths: Foundation's resolvingSymlinksInPath drops macOS's /private
        // again, which would leave the test with /var/folders/… and the tool with /private/var/folders/….
        guard let real = realpath(base.path, nil) else { fatalError("cannot resolve \(base.path)") }
        defer { free(real) }
        path = String(cString: real)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func url(_ relative: String) -> String { path + "/" + relative }

    /// Writes text or bytes, creating folders.
    public func write(_ relative: String, _ text: String) {
        write(relative, Data(text.utf8))
    }

    public func write(_ relative: String, _ data: Data) {
        let target = url(relative)
        try! FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! data.write(to: URL(fileURLWithPath: target))
    }

    public func read(_ relative: String) -> Data? { FileManager.default.contents(atPath: url(relative)) }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative)) }

    /// Every file below the folder, relative, sorted: to prove a command wrote nothing.
    public func listing() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String { files.append(next) }
        return files.sorted()
    }
}
