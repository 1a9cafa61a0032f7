import ArgumentParser
import AssetCache
import AssetSupport
import Foundation
import GenerateAssetsCore

struct CacheStats: ProjectCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what the cache holds.")

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let context = try ProjectContext(options: project.projectOptions, readOnly: true)
        guard let stats = try context.cache?.statistics() else {
            terminal.out(project.json ? "{}" : "no cache yet; 'generate-assets' creates it")
            return
        }
        if project.json {
            terminal.out(try JSONText.encode(stats))
            return
        }
        terminal.out(
            """
            images:        \(stats.blobs) (\(OutcomeStyle.size(stats.blobBytes)))
            results:       \(stats.results) (\(stats.placeholderResults) placeholders)
            stat entries:  \(stats.statEntries)
            provider calls: \(stats.calls), spent \(String(format: "$%.3f", stats.spentUSD))
            schema:        version \(stats.schemaVersion)
            """)
    }
}
