import Foundation
import GenerateAssetsCore

extension OutcomeStyle {
    /// `$0.118`, or with answers of Batch jobs applied, `$0.118 (batch $0.118 at the Batch price, synchronous $0.000)`.
    static func spent(_ report: RunReport) -> String {
        guard let batch = report.batchCostUSD, batch > 0 else { return money(report.costUSD) }
        return money(report.costUSD)
            + " (batch \(money(batch)) at the Batch price, synchronous \(money(report.synchronousCostUSD ?? 0)))"
    }

    /// ` $0.017 at the Batch price` after an asset whose Batch answers this run applied; empty otherwise.
    static func batchPrice(_ outcome: AssetOutcome) -> String {
        guard let batch = outcome.batchCostUSD else { return "" }
        return " \(money(batch)) at the Batch price"
    }
}
