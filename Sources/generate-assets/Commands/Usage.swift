import ArgumentParser
import AssetCache
import AssetSupport
import Foundation
import GenerateAssetsCore

struct Usage: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Sum provider spend from the call log, by day, model or asset.")

    @OptionGroup var project: ProjectArguments

    @Option(help: "Group by day, model or asset.")
    var by: CacheStore.UsageGrouping = .day

    @Option(help: "Only the last N days.")
    var days: Int?

    func execute(_ terminal: Terminal) async throws {
        let report = try UsageRunner.report(options: project.projectOptions, by: by, days: days)
        if project.json {
            terminal.out(try JSONText.encode(report))
            return
        }
        guard !report.rows.isEmpty else { return terminal.out("no provider calls recorded") }
        let width = max(5, report.rows.map(\.key.count).max() ?? 0)
        terminal.out(
            "\(by.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  calls  images      tokens        cost"
        )
        for row in report.rows {
            terminal.out(
                row.key.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: "  %5d  %6d  %10d  %10.3f", row.calls, row.images, row.tokens, row.costUSD))
        }
        let batch = report.rows.map(\.batchUSD).reduce(0, +)
        terminal.out(
            String(format: "total: %d calls, $%.3f", report.rows.map(\.calls).reduce(0, +), report.totalUSD)
                + (batch > 0
                    ? String(
                        format: " ($%.3f through the Batch API, $%.3f synchronous)", batch, report.totalUSD - batch)
                    : ""))
        let unanswered = report.rows.map(\.possiblyBilled).reduce(0, +)
        if unanswered > 0 {
            terminal.out(
                String(
                    format:
                        "possibly billed: %d attempt%@ that timed out or lost the answer after the request was sent, up to $%.3f at list price",
                    unanswered, unanswered == 1 ? "" : "s", report.rows.map(\.possiblyBilledUSD).reduce(0, +)))
        }
    }
}

extension CacheStore.UsageGrouping: ExpressibleByArgument {}
