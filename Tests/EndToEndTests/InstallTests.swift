import Foundation
import TestSupport
import Testing

/// README's install line, from a fresh clone into a temporary prefix, then the quick start with the installed
/// binary. It builds the release binary from nothing (several minutes on 2 cores), so it runs where
/// `GENERATE_ASSETS_TEST_INSTALL=1` asks for it: `.ci/run` sets it, a plain `swift test` skips it.
@Suite struct InstallTests {
    static let requested = ProcessInfo.processInfo.environment["GENERATE_ASSETS_TEST_INSTALL"] == "1"

    @Test(
        .enabled(if: requested, "builds a release binary from a fresh clone: set GENERATE_ASSETS_TEST_INSTALL=1"),
        .timeLimit(.minutes(30)))
    func theInstallLinePutsAWorkingBinaryOnThePrefix() async throws {
        let folder = TemporaryDirectory("install")
        let clone = folder.url("clone")
        let prefix = folder.url("prefix with space")
        try GitCLI.run(["clone", "-q", "--no-local", PluginConsumer.repositoryRoot, clone], in: folder.path)
        let install = try await Self.inBackground {
            try ToolRunner(executable: "/usr/bin/env").run(
                ["bash", "Scripts/install.sh", "--prefix", prefix], in: clone, environment: ["PATH": Self.path])
        }
        #expect(install.status == 0, "\(install.stderr)")
        let binary = prefix + "/bin/generate-assets"
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(install.stderr.contains("installed \(binary)"))
        #expect(install.stderr.contains("is not on PATH"), "the script says how to put the prefix on PATH")
        #if os(Linux)
            // Swift's runtime is linked in: the binary names no libswiftCore.so to load.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: binary))
            #expect(bytes.range(of: Data("libswiftCore.so".utf8)) == nil, "the Swift runtime is linked dynamically")
        #endif

        // The quick start, with the installed binary, in an empty project.
        let project = folder.url("project")
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: false)
        let tool = ToolRunner(executable: binary)
        let initialized = try tool.run(["init"], in: project)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/assets.yml"))
        let status = try tool.run(["status", "--provider", "placeholder"], in: project)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("stale") || status.stdout.contains("new"), "\(status.stdout)")
        let generated = try tool.run(["--provider", "placeholder"], in: project)
        #expect(generated.status == 0, "\(generated.stderr)")
        let check = try tool.run(["status", "--check", "--provider", "placeholder"], in: project)
        #expect(check.status == 0, "everything fresh after generate: \(check.stdout)\(check.stderr)")
    }

    /// The test's PATH without the toolchain's own test folders, as a user's shell has it.
    static var path: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }

    /// Waits on a Dispatch thread: the build takes minutes, and the concurrency pool's few threads are shared.
    static func inBackground<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
