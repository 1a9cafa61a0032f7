import ArgumentParser
import AssetCache
import AssetSupport
import GenerateAssetsCore

struct CacheVerify: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Rehash every cached image and run SQLite's integrity check.")

    @OptionGroup var project: ProjectArguments

    @Flag(help: "Drop damaged images and results that point at missing images.")
    var repair = false

    func execute(_ terminal: Terminal) async throws {
        let context = try ProjectContext(options: project.projectOptions, readOnly: !repair)
        guard let cache = context.cache else {
            terminal.out("no cache yet; nothing to verify")
            return
        }
        let report = try cache.verify(repair: repair)
        if project.json {
            terminal.out(try JSONText.encode(report))
        } else {
            terminal.out(
                "integrity: \(report.integrity); \(report.blobsChecked) images rehashed, \(report.damagedBlobs.count) damaged, \(report.resultsWithoutBlob) results without an image"
            )
            for hash in report.damagedBlobs { terminal.out("  damaged: \(hash.hex)") }
            for turn in report.damagedTurns {
                terminal.out("  damaged edit history: '\(turn.assetID)' turn \(turn.turn): \(turn.problem)")
            }
        }
        guard report.isHealthy || repair else {
            terminal.error(
                "the cache has problems",
                fix:
                    "run 'generate-assets cache verify --repair' to drop the damaged entries, or 'generate-assets cache reset' to start over"
            )
            throw ExitCode.failure
        }
    }
}
