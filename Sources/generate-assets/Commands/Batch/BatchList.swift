import ArgumentParser
import AssetSupport
import Foundation
import GenerateAssetsCore

struct BatchList: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show every batch job: name, model, state, counts, age, estimated cost.")

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let listing = try await BatchRunner.listUnderLock(
            options: project.projectOptions, reporter: ProgressPrinter(terminal: terminal))
        let jobs = listing.jobs
        if let holder = listing.heldBy {
            terminal.err(
                "note: another generate-assets run (PID \(holder)) is working on this project; jobs are shown as last recorded, and that run applies the finished ones"
            )
        }
        if project.json {
            terminal.out(try JSONText.encode(["batches": jobs]))
            return
        }
        guard !jobs.isEmpty else {
            return terminal.out("no batch jobs; 'generate-assets generate --batch' submits them")
        }
        for job in jobs { terminal.out(BatchList.line(job)) }
        BatchList.printApplied(jobs, terminal)
    }

    /// What the answers stored by this command cost: spent now, made into outputs by the next run for free.
    static func printApplied(_ jobs: [BatchSummary], _ terminal: Terminal) {
        let applied = jobs.compactMap(\.appliedCostUSD)
        guard !applied.isEmpty else { return }
        let jobs = "\(applied.count) ended job\(applied.count == 1 ? "" : "s")"
        terminal.out(
            String(format: "spent $%.3f at the Batch price: ", applied.reduce(0, +))
                + "answers of \(jobs) stored in the cache; the next 'generate' or 'batch wait' writes them, at no cost")
    }

    static func line(_ job: BatchSummary) -> String {
        let age =
            job.ageSeconds < 3600 ? "\(Int(job.ageSeconds / 60)) min" : String(format: "%.1f h", job.ageSeconds / 3600)
        let state = job.state.replacingOccurrences(of: "BATCH_STATE_", with: "").lowercased()
        let failed = job.failed.isEmpty ? "" : ", \(job.failed.count) failed"
        return
            "\(job.name ?? job.displayName)  \(job.model)  \(state)  \(job.assets.count) image\(job.assets.count == 1 ? "" : "s")\(failed)  \(age) old"
            + (job.estimatedCostUSD.map { String(format: "  ~$%.3f", $0) } ?? "")
            + (job.appliedCostUSD.map { String(format: "  $%.3f spent (applied now)", $0) } ?? "")
    }
}
