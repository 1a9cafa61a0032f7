import AssetCache
import AssetPlanner
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// A project in a temporary folder, run in-process: generate, status and pick as the commands do them.
struct CoreProject {
    let folder: TemporaryDirectory
    var environment: [String: String] = [:]
    var provider: String?

    init(_ manifest: String, label: String = "core") {
        folder = TemporaryDirectory(label)
        folder.write("assets.yml", manifest)
    }

    /// An empty folder, to clone a project into.
    init(emptyFolder label: String) {
        folder = TemporaryDirectory(label)
    }

    var options: ProjectOptions { ProjectOptions(directory: folder.path, provider: provider) }

    func context(readOnly: Bool = false) throws -> ProjectContext {
        try ProjectContext(options: options, readOnly: readOnly, environment: environment)
    }

    @discardableResult
    func generate(commit: Bool = false, _ configure: (inout GenerateOptions) -> Void = { _ in }) async throws
        -> RunReport
    {
        var settings = GenerateOptions(commit: commit)
        configure(&settings)
        return try await GenerateEngine(context: try context(), options: settings, reporter: CollectingReporter()).run()
    }

    func status() throws -> RunReport { try StatusRunner.run(try context(), only: []) }

    func lock() throws -> Lockfile { try Lockfile.load(from: folder.url("assets.lock")) }

    func cache() throws -> CacheStore { try #require(try CacheStore.open(projectRoot: folder.path)) }

    func rewrite(_ from: String, _ to: String) {
        let text = String(decoding: folder.read("assets.yml") ?? Data(), as: UTF8.self)
        folder.write("assets.yml", text.replacingOccurrences(of: from, with: to))
    }
}

extension RunReport {
    func asset(_ id: String) -> AssetOutcome? { assets.first { $0.id == id } }
}
