import AssetFingerprint
import Foundation
import GenerateAssetsCore

/// One stderr line per asset as it finishes, so CI logs and the plugin show progress.
struct ProgressPrinter: RunReporter {
    let terminal: Terminal
    /// On a terminal: one status line, redrawn below the event lines.
    let status: StatusLine?

    init(terminal: Terminal) {
        self.terminal = terminal
        status = terminal.interactive && !terminal.quiet ? StatusLine() : nil
        if let status {
            StatusTicker.start(status) { line in FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
        }
    }

    func report(_ event: RunEvent) {
        guard let status else { return print(event) }
        status.update(event) { line in
            // Clear the status line, print the event's line (if any) above it, then draw the status again.
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            print(event)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private func print(_ event: RunEvent) {
        switch event {
        case .runStarted, .callStarted, .callEnded: return
        default: if terminal.quiet { return }
        }
        guard case .finished(let outcome) = event else { return terminal.note(event.message) }
        guard outcome.state != .fresh else { return }
        let time = outcome.durationSeconds.map { String(format: " %.1fs", $0) } ?? ""
        // Only files made from the image were written: name those, not the image's own output.
        let rendered = (outcome.renditions ?? []).filter { $0.state == .rendered }.map(\.output)
        let written =
            outcome.state == .rendered && !rendered.isEmpty ? rendered.joined(separator: ", ") : outcome.output
        var line =
            "\(OutcomeStyle.label(outcome.state, terminal: terminal, stderr: true)) \(outcome.id) → \(written)\(time)"
            + OutcomeStyle.batchPrice(outcome)
        if outcome.error != nil {
            // The error and its fix are printed once, in the summary (which --quiet keeps too).
            line += " (error below)"
        } else if !outcome.reasons.isEmpty {
            line += " (\(outcome.reasons.map(\.description).joined(separator: "; ")))"
        }
        terminal.err(line)
    }
}

/// Colours and fixed-width labels for states.
enum OutcomeStyle {
    /// `840 KiB`, `2.3 MiB`: small caches do not read as 0.0 MiB.
    static func size(_ bytes: Int64) -> String {
        bytes < 1_048_576 ? "\(max(1, bytes / 1024)) KiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// `1 asset`, `3 assets`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    static func label(_ state: AssetOutcome.State, terminal: Terminal, stderr: Bool = false) -> String {
        let text = state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        let style: Terminal.Style =
            switch state {
            case .fresh: .green
            case .stale: .yellow
            case .restored, .rendered: .cyan
            case .generated: .blue
            case .failed: .red
            }
        return terminal.paint(text, style, stderr: stderr)
    }

    static func estimate(_ value: Double?) -> String {
        value == 0 ? ", free" : " ~" + money(value)
    }

    static func money(_ value: Double?) -> String {
        guard let value else { return "unknown" }
        return String(format: "$%.3f", value)
    }
}

/// The human summary of a `status` or `generate` report, on stdout.
struct ReportPrinter {
    let terminal: Terminal

    func print(_ report: RunReport) {
        let width = min(24, report.assets.map(\.id.count).max() ?? 0)
        let showAll = report.command == "status" || report.dryRun
        for asset in report.assets where showAll || asset.state == .failed {
            var line =
                "\(OutcomeStyle.label(asset.state, terminal: terminal)) \(asset.id.padding(toLength: max(width, asset.id.count), withPad: " ", startingAt: 0))  \(asset.output)"
            if let action = asset.action {
                line +=
                    "  [\(action.rawValue)\(action == .generate ? OutcomeStyle.estimate(asset.estimatedCostUSD) : "")"
                    + (action == .generate ? asset.maxImages.map { ", 1 to \($0) images" } ?? "" : "") + "]"
            }
            if asset.placeholder { line += terminal.paint("  placeholder", .dim) }
            if let variants = asset.variants {
                line += terminal.paint("  variant \(asset.picked ?? 1) of \(variants)", .dim)
            }
            terminal.out(line)
            for reason in asset.reasons { terminal.out(terminal.paint("      - \(reason)", .dim)) }
            if let error = asset.error {
                terminal.out("      \(terminal.paint("error:", .red)) \(error.message)")
                if let fix = error.fix { terminal.out("    fix: \(fix)") }
            }
        }
        terminal.out(summary(report))
    }

    func summary(_ report: RunReport) -> String {
        let t = report.totals
        var parts: [String] = []
        for state in ["fresh", "stale", "restored", "generated", "rendered", "failed"] where (t[state] ?? 0) > 0 {
            parts.append("\(t[state]!) \(state)")
        }
        var text =
            OutcomeStyle.count(t["assets"] ?? 0, "asset") + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
        let stale = report.assets.filter { $0.state == .stale && !$0.isKept }
        if !stale.isEmpty {
            let restore = stale.filter { $0.action == .restore }.count
            let render = stale.filter { $0.action == .render }.count
            let waiting = stale.filter { $0.action == .wait }.count
            let edited = stale.filter { $0.action == .edited }.count
            let lost = stale.filter { $0.action == .unrecoverable }.count
            let history = stale.filter { $0.action == .restore && $0.reasons.contains { $0.isFromHistory } }.count
            text +=
                " (\(stale.count - restore - render - waiting - edited - lost) to generate, \(restore - history) to restore from the cache"
                + (history > 0 ? ", \(history) from git history" : "")
                + (render > 0 ? ", \(render) to render from it" : "")
                + (edited > 0 ? ", \(edited) edited by hand and kept" : "")
                + (lost > 0 ? ", \(lost) whose image is not in this clone (see the warnings)" : "")
                + (waiting > 0 ? ", \(waiting) waiting in batch jobs" : "") + ")"
                + "; estimated cost \(OutcomeStyle.money(report.estimatedCostUSD))"
        }
        if let kept = t["kept"], kept > 0 {
            let real = report.assets.filter { $0.isKept && $0.reasons.contains(.realImageKept) }.count
            if kept > real { text += "; \(kept - real) frozen and kept" }
            if real > 0 {
                text += "; \(OutcomeStyle.count(real, "real image")) kept (a placeholder run does not replace them)"
            }
        }
        if report.command == "generate", !report.dryRun { text += "; spent " + OutcomeStyle.spent(report) }
        if report.stats.possiblyBilledAttempts > 0 {
            text +=
                "; \(OutcomeStyle.count(report.stats.possiblyBilledAttempts, "attempt")) may be billed without an answer"
                + String(format: " (up to $%.3f)", report.stats.possiblyBilledUSD)
        }
        if let placeholders = t["placeholders"], placeholders > 0 {
            text += "; \(OutcomeStyle.count(placeholders, "placeholder"))"
        }
        if report.dryRun { text += " (dry run: nothing written)" }
        if let commit = report.git?.commit {
            text += "; committed \(commit.prefix(10)) (\(OutcomeStyle.count(report.git?.paths.count ?? 0, "file")))"
        }
        return text
    }
}
