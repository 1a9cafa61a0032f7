import Foundation

/// Runs the built `generate-assets` executable as a user would, capturing its output and exit code.
public struct ToolRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// stdout parsed as one JSON object.
        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    public let executable: String

    public init() {
        executable = Self.locate("generate-assets")
    }

    /// Runs another program the same way (an absolute path), e.g. `swift` for the plugin tests.
    public init(executable: String) {
        self.executable = executable
    }

    /// Finds a built product beside the test bundle (SwiftPM puts them in one folder), whichever program
    /// runs the tests: the bundle itself (Linux), `xctest` or `swiftpm-testing-helper` (macOS), whose own
    /// path says nothing about the build folder: the bundle that holds this code, or the helper's
    /// `--test-bundle-path`, does.
    public static func locate(_ product: String) -> String {
        var candidates: [URL] = []
        // The bundle that holds this code: .build/debug/X.xctest (Foundation finds it from the class's image).
        candidates.append(Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent())
        let arguments = CommandLine.arguments
        if let flag = arguments.firstIndex(of: "--test-bundle-path"), flag + 1 < arguments.count {
            candidates.append(URL(fileURLWithPath: arguments[flag + 1]).deletingLastPathComponent())
        }
        candidates.append(URL(fileURLWithPath: arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in candidates {
            let path = folder.appendingPathComponent(product).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/\(product)").path
    }

    /// A class of this module, for `Bundle(for:)`.
    private final class BundleMarker {}

    /// Runs the tool in `directory` with `arguments`; the environment is the test's plus `environment`.
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["GENERATE_ASSETS_PROVIDER"] = nil
        // A crash of the tool prints every frame of every thread (the default hides system frames).
        env["SWIFT_BACKTRACE"] = env["SWIFT_BACKTRACE"] ?? "preset=full"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
    }
}
