import ArgumentParser
import AssetSupport
import Foundation
import GenerateAssetsCore

struct Report: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a review page: each changed image beside its old one, with prompt diff, reasons, model, size, cost, failures and variants.",
        discussion:
            "The page is static HTML with its images beside it: it works from file:// with no server and no network. It prints the page's path."
    )

    @OptionGroup var project: ProjectArguments

    @Option(
        help:
            "Compare with this revision (default: where the last generate run started; else the commit before generate-assets' last commit, else HEAD)."
    )
    var since: String?

    @Option(
        help: "The folder to write index.html and its images into (default: \(StateFolder.name)/report in the project)."
    )
    var output: String?

    @Flag(help: "Open the page in the default browser.")
    var open = false

    func execute(_ terminal: Terminal) async throws {
        let report = try ReviewRunner.write(
            options: project.projectOptions, review: ReviewOptions(since: since, output: output))
        if project.json { terminal.out(try JSONText.encode(report)) } else { terminal.out(report.page) }
        terminal.err(ReviewSummary.line(report))
        if open { PageOpener.open(report.page, terminal: terminal) }
    }
}

/// One line on what a review page shows.
enum ReviewSummary {
    static func line(_ report: ReviewReport) -> String {
        let parts: [(ReviewAsset.Status, String)] = [
            (.changed, "changed"), (.new, "new"), (.variants, "with new variants"), (.failed, "failed"),
            (.kept, "frozen and kept"), (.stale, "stale"),
        ]
        let counts = parts.compactMap { report.count($0.0) > 0 ? "\(report.count($0.0)) \($0.1)" : nil }
        let since = report.since.commit.map { " since \($0.prefix(10))" } ?? ""
        return "review\(since): " + (counts.isEmpty ? "nothing changed" : counts.joined(separator: ", "))
            + ", \(report.unchanged.count) unchanged"
    }
}

/// Opens a file in the desktop's browser; says so when it cannot.
enum PageOpener {
    static func open(_ path: String, terminal: Terminal) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
            process.arguments = ["open", path]
        #else
            process.arguments = ["xdg-open", path]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { terminal.note("could not open a browser here; open \(path) yourself") }
        } catch {
            terminal.note("could not open a browser here (\(error)); open \(path) yourself")
        }
    }
}
