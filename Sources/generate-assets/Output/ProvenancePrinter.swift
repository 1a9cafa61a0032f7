import AssetPlanner
import AssetProvenance
import AssetSupport
import Foundation
import GenerateAssetsCore

/// Human output for `show` and `log`.
struct ProvenancePrinter {
    let terminal: Terminal

    func header(_ version: AssetVersion) -> String {
        let cost = version.spentUSD.map { String(format: "$%.3f", $0) } ?? "cost unknown"
        let model = version.record?.model ?? "?"
        return
            "\(terminal.paint(String(version.commit.prefix(10)), .yellow))  \(version.date.prefix(16).replacingOccurrences(of: "T", with: " "))  \(version.author)  \(model)  \(cost)"
    }

    func log(_ history: AssetHistory) {
        guard !history.versions.isEmpty else { return terminal.out("\(history.path): no committed versions") }
        terminal.out(
            terminal.paint(
                "\(history.asset ?? history.path) (\(history.path)): \(history.versions.count) version\(history.versions.count == 1 ? "" : "s")",
                .bold))
        for (index, version) in history.versions.enumerated() {
            terminal.out(header(version))
            if version.record == nil { terminal.out("    (no provenance for this commit)") }
            for change in version.changes { terminal.out("    \(change)") }
            if let before = version.promptBefore, let after = version.record?.prompt { promptDiff(before, after) }
            turnDiffs(
                version.record?.edits ?? [], before: history.versions.dropFirst(index + 1).first?.record?.edits ?? [])
        }
        if let hint = history.hint { terminal.note(hint) }
    }

    /// Lines only in the old prompt with -, lines only in the new one with +.
    func promptDiff(_ before: String, _ after: String) {
        let old = before.components(separatedBy: "\n")
        let new = after.components(separatedBy: "\n")
        for line in old where !new.contains(line) { terminal.out(terminal.paint("      - \(line)", .red)) }
        for line in new where !old.contains(line) { terminal.out(terminal.paint("      + \(line)", .green)) }
    }

    func show(_ history: AssetHistory) {
        guard let version = history.versions.first else { return }
        guard let record = version.record else {
            terminal.out("\(history.path) at \(version.commit.prefix(10)): no provenance recorded")
            if let hint = history.hint { terminal.note(hint) }
            return
        }
        terminal.out(
            terminal.paint(
                "\(record.id) → \(record.output) at \(version.commit.prefix(10)) (\(version.date.prefix(10)), \(version.author))",
                .bold))
        terminal.out("provider:     \(record.provider)\(record.placeholder ? " (placeholder)" : "")")
        terminal.out("model:        \(record.model)\(record.modelVersion.map { " (served by \($0))" } ?? "")")
        terminal.out("prompt:       " + record.prompt.replacingOccurrences(of: "\n", with: "\n              "))
        if let instruction = record.systemInstruction { terminal.out("system:       \(instruction)") }
        terminal.out(
            "config:       " + record.config.keys.sorted().map { "\($0)=\(record.config[$0]!)" }.joined(separator: ", ")
        )
        for reference in record.references {
            terminal.out(
                "reference:    \(reference.path ?? "asset " + (reference.asset ?? "?"))  sha256 \(reference.sha256.short)"
            )
        }
        if let text = record.text { terminal.out("model said:   \(text)") }
        showTurns(record)
        if let usage = record.usage {
            terminal.out(
                "usage:        \(usage.promptTokens) prompt, \(usage.outputTokens) output (\(usage.imageTokens) image), \(usage.thoughtsTokens) thinking tokens"
            )
        }
        terminal.out(
            "cost:         \(record.costUSD.map { String(format: "$%.3f", $0) } ?? "unknown")\(record.responseID.map { "  response \($0)" } ?? "")"
                + (record.batchJob.map { "  (Batch API job \($0), at the Batch price)" } ?? "")
        )
        terminal.out(
            "image:        sha256 \(record.outputSHA256.short), fingerprint \(record.fingerprint.short), \(record.action)"
                + (record.variants.map { ", variant \(record.picked ?? 1) of \($0)" } ?? ""))
        if let checks = record.checks {
            let verdict = checks.verdict
            terminal.out(
                "checks:       \(verdict.passed ? "passed" : checks.accepted == true ? "failed, accepted by pick" : "failed") (judge \(checks.model))"
            )
            for result in verdict.failingFirst {
                terminal.out("              \(result.passed ? "✓" : "✗") \(result.check): \(result.reason)")
            }
        }
        if let alt = record.alt { terminal.out("alt text:     \(alt)") }
        for file in record.renditions ?? [] {
            terminal.out(
                "file:         \(file.output)  sha256 \(file.outputSHA256.short)  (\(file.recipe.split(separator: "\n").first ?? ""))"
            )
        }
        if let started = record.startedAt {
            terminal.out(
                "made:         \(started) → \(record.finishedAt ?? "?") by generate-assets \(record.toolVersion)")
        }
        if version.source == .lock {
            terminal.note("from assets.lock at that commit (no note): model text, usage and cost are unknown")
        }
        if let hint = history.hint { terminal.note(hint) }
    }
}
