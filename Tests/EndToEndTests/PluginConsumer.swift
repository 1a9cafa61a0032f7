import Foundation
import Testing
import TestSupport

/// A package in a temporary folder that depends on this one by path, as a user's package would, and runs the
/// command plugin through `swift package` without a terminal.
struct PluginConsumer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    let folder = TemporaryDirectory("plugin-consumer")
    /// The consumer package: a copy of Examples/PictureBook.
    let package: String
    /// One build folder for every run, outside the package, so the tool is built once.
    let scratch: String
    let swift: String
    /// `nice`: the tool's build through SwiftPM runs at the lowest priority, so that it does not starve the
    /// timing-sensitive tests that run beside it (ReliabilityTests' concurrent runs failed so on 2 cores).
    let nice: ToolRunner

    init() throws {
        package = folder.url("PictureBook")
        scratch = folder.url("build")
        try FileManager.default.copyItem(atPath: ExampleTests.exampleFolder, toPath: package)
        let manifestPath = package + "/Package.swift"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        let relative = #"path: "../..""#
        #expect(manifest.contains(relative), "Examples/PictureBook/Package.swift depends on this package by the path ../..")
        try manifest.replacingOccurrences(of: relative, with: "path: \"\(Self.repositoryRoot)\"").write(toFile: manifestPath, atomically: true, encoding: .utf8)
        swift = try Self.onPath("swift")
        nice = ToolRunner(executable: try Self.onPath("nice"))
    }

    /// `swift package ARGUMENTS` in the consumer, standard input from /dev/null.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolRunner.Result {
        try nice.run(["-n", "19", swift, "package", "--scratch-path", scratch] + arguments, in: package, environment: environment)
    }

    func read(_ relative: String) -> Data? { FileManager.default.contents(atPath: package + "/" + relative) }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: package + "/" + relative, atomically: true, encoding: .utf8)
    }

    /// A program on PATH (`swift` as CI and a user have it).
    static func onPath(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw LocateError(message: "no '\(name)' on PATH (\(path))")
    }

    struct LocateError: Error, CustomStringConvertible { var message: String; var description: String { message } }
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
