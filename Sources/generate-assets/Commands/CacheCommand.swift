import ArgumentParser
import AssetSupport

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and maintain the image cache (\(StateFolder.name)/cache.sqlite).",
        subcommands: [CacheStats.self, CacheVerify.self, CacheGC.self, CacheReset.self]
    )
}
