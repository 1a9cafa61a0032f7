import ArgumentParser
import AssetManifest
import GenerateAssetsCore

struct CacheReset: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Set the cache aside (renamed, never deleted) and start a new one on the next run."
    )

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let root = try ProjectContext.validate(project.projectOptions).root
        let lock = try ProjectLock(projectRoot: root, wait: false) { _ in }
        defer { withExtendedLifetime(lock) {} }
        if let aside = try ProjectCache.reset(projectRoot: root) {
            terminal.out(
                "cache moved to \(aside); a new one holds its call log (usage), and assets.lock keeps outputs fresh")
        } else {
            terminal.out("no cache to reset")
        }
    }
}
