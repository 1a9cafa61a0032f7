import ArgumentParser

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and maintain the image cache (.generate-assets/cache.sqlite).",
        subcommands: [CacheStats.self, CacheVerify.self, CacheGC.self, CacheReset.self]
    )
}
