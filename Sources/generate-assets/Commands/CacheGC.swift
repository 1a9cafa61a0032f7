import ArgumentParser
import AssetCache
import AssetSupport
import Foundation
import GenerateAssetsCore

struct CacheGC: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete cached images that no current fingerprint, lock entry or recent run uses.",
        discussion: "Cached images cost money to make again, so this asks first; pass --yes where there is no terminal."
    )

    @OptionGroup var project: ProjectArguments

    @Option(help: "Keep anything cached within this many days.")
    var keepDays = 30

    @Flag(help: "Delete without asking.")
    var yes = false

    @Flag(help: "Only list what would be deleted.")
    var dryRun = false

    func execute(_ terminal: Terminal) async throws {
        let context = try ProjectContext(options: project.projectOptions, readOnly: true)
        let plan = try CacheRunner.garbage(context, keepDays: keepDays, dryRun: true)
        let size = OutcomeStyle.size(plan.bytes)
        guard !plan.blobs.isEmpty else {
            terminal.out(project.json ? try JSONText.encode(plan) : "nothing to collect")
            return
        }
        if dryRun {
            if project.json {
                terminal.out(try JSONText.encode(plan))
                return
            }
            for image in plan.images {
                let prompt =
                    image.prompt.map { $0.count > 60 ? String($0.prefix(57)) + "..." : $0 } ?? "(a derived image)"
                let cost =
                    image.placeholder
                    ? "placeholder" : image.costUSD.map { String(format: "$%.3f", $0) } ?? "cost unknown"
                terminal.out(
                    "\(image.sha256.short)  \(OutcomeStyle.size(image.bytes))  \(image.model ?? "-")  \(cost)  \(prompt)"
                )
            }
            terminal.out("would delete \(plan.blobs.count) images (\(size)) and \(plan.results) results")
            return
        }
        guard
            yes
                || terminal.confirm(
                    "Delete \(plan.blobs.count) cached images (\(size))? They cost money to generate again.")
        else {
            throw UserFacingError(
                "not deleting \(plan.blobs.count) cached images",
                fix: "pass --yes to delete without a prompt, or --dry-run to list them")
        }
        let writable = try ProjectContext(options: project.projectOptions, readOnly: false)
        let done = try CacheRunner.garbage(writable, keepDays: keepDays, dryRun: false)
        terminal.out(
            project.json
                ? try JSONText.encode(done) : "deleted \(done.blobs.count) images (\(size)) and \(done.results) results"
        )
    }
}
