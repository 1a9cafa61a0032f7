import Foundation
import TestSupport
import Testing

/// A package in a temporary folder that depends on this one by path, as a user's package would, and runs the
/// command plugin through `swift package` without a terminal.
struct PluginConsumer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let folder = TemporaryDirectory("plugin-consumer")
    /// The consumer package: a copy of Examples/PictureBook.
    let package: String
    /// One build folder for every run, outside the package, so the tool is built once.
    let scratch: String
    let swift: ToolRunner

    init() throws {
        package = folder.url("PictureBook")
        scratch = folder.url("build")
        try FileManager.default.copyItem(atPath: ExampleTests.exampleFolder, toPath: package)
        let manifestPath = package + "/Package.swift"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        let relative = #"path: "../..""#
        #expect(
            manifest.contains(relative), "Examples/PictureBook/Package.swift depends on this package by the path ../..")
        try manifest.replacingOccurrences(of: relative, with: "path: \"\(Self.repositoryRoot)\"").write(
            toFile: manifestPath, atomically: true, encoding: .utf8)
        swift = ToolRunner(executable: try Self.onPath("swift"))
    }

    /// `swift package ARGUMENTS` in the consumer, standard input from /dev/null.
    ///
    /// A run can take minutes (the first builds the tool), so it is waited for on a Dispatch thread, not on
    /// one of the few threads that all tests share: blocking one that long starved the tests beside it
    /// (ReliabilityTests' two concurrent runs no longer overlapped, and its --no-wait run found no lock).
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ToolRunner.Result {
        let (swift, arguments, package) = (swift, ["package", "--scratch-path", scratch] + arguments, package)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try swift.run(arguments, in: package, environment: environment) })
            }
        }
    }

    func read(_ relative: String) -> Data? { FileManager.default.contents(atPath: package + "/" + relative) }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: package + "/" + relative, atomically: true, encoding: .utf8)
    }

    /// A program on PATH (`swift` as CI and a user have it).
    static func onPath(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        {
            return "\(folder)/\(name)"
        }
        throw LocateError(message: "no '\(name)' on PATH (\(path))")
    }

    struct LocateError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// The `swift package …` lines in README.md's shell blocks, each as its arguments after `swift package`.
enum ReadmePluginLines {
    static func all() throws -> [[String]] {
        let readme = try String(contentsOfFile: PluginConsumer.repositoryRoot + "/README.md", encoding: .utf8)
        var lines: [[String]] = []
        var inShellBlock = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShellBlock = !inShellBlock && line == "```sh"
                continue
            }
            guard inShellBlock, line.hasPrefix("swift package ") else { continue }
            let command = line.split(separator: "#", maxSplits: 1)[0]
            lines.append(command.split(separator: " ").dropFirst(2).map(String.init))
        }
        return lines
    }
}
