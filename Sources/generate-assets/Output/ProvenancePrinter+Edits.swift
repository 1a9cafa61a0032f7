import AssetProvenance
import AssetSupport
import Foundation

extension ProvenancePrinter {
    /// Every edit turn of a chain: its text, config, references, answer and cost.
    func showTurns(_ record: ProvenanceRecord) {
        guard let edits = record.edits, !edits.isEmpty else { return }
        terminal.out(
            "turns:        \(edits.count + 1) (turn 0 is the prompt\(record.turnZeroCostUSD.map { String(format: ", $%.3f", $0) } ?? ""))"
        )
        for turn in edits {
            let cost = turn.costUSD.map { String(format: "$%.3f", $0) } ?? "cost unknown"
            terminal.out("  turn \(turn.turn):     \(turn.prompt)")
            var details = [cost]
            if !turn.config.isEmpty {
                details.append(turn.config.keys.sorted().map { "\($0)=\(turn.config[$0]!)" }.joined(separator: ", "))
            }
            if let answer = turn.answerSHA256 { details.append("answer \(answer.short)") }
            if let version = turn.modelVersion { details.append("served by \(version)") }
            if let usage = turn.usage {
                details.append("\(usage.promptTokens) prompt, \(usage.outputTokens) output tokens")
            }
            terminal.out("              " + details.joined(separator: "  "))
            for reference in turn.references {
                terminal.out("              reference \(reference.path ?? "?")  sha256 \(reference.sha256.short)")
            }
        }
    }

    /// The prompt diff of each edit turn that differs from the older version's.
    func turnDiffs(_ edits: [EditTurnRecord], before: [EditTurnRecord]) {
        for index in 0..<max(edits.count, before.count) {
            let now = index < edits.count ? edits[index].prompt : nil
            let was = index < before.count ? before[index].prompt : nil
            guard now != was else { continue }
            terminal.out("    edit turn \(index + 1):")
            promptDiff(was ?? "", now ?? "")
        }
    }
}
