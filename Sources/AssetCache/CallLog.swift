import Foundation

/// One line of `generate-assets usage`.
package struct UsageRow: Sendable, Codable {
    package var key: String
    package var calls: Int
    package var images: Int
    package var tokens: Int
    package var costUSD: Double
    /// Attempts that got no answer after the request was sent, and what they may have cost at list price.
    package var possiblyBilled: Int
    package var possiblyBilledUSD: Double
    /// The part of `costUSD` spent through the Batch API.
    package var batchUSD: Double

    package init(
        key: String, calls: Int, images: Int, tokens: Int, costUSD: Double, possiblyBilled: Int,
        possiblyBilledUSD: Double, batchUSD: Double
    ) {
        self.key = key
        self.calls = calls
        self.images = images
        self.tokens = tokens
        self.costUSD = costUSD
        self.possiblyBilled = possiblyBilled
        self.possiblyBilledUSD = possiblyBilledUSD
        self.batchUSD = batchUSD
    }

    enum CodingKeys: String, CodingKey {
        case key, calls, images, tokens
        case costUSD = "cost_usd"
        case possiblyBilled = "possibly_billed"
        case possiblyBilledUSD = "possibly_billed_usd"
        case batchUSD = "batch_usd"
    }
}

extension CacheStore {
    /// What `usage` groups by.
    package enum UsageGrouping: String, Sendable, Codable, CaseIterable { case day, model, asset }

    /// The answered calls in the log, as `asset id NUL start in milliseconds`: what a provenance note's
    /// record of the same answer is matched by.
    package func answeredCalls() throws -> Set<String> {
        let rows = try database.query("SELECT asset_id, started_at FROM calls WHERE status = 'ok'", [])
        return Set(rows.map { "\($0[0].text ?? "")\u{0}\($0[1].int ?? 0)" })
    }

    /// Spend from the call log, grouped, newest or largest first.
    package func usage(by grouping: UsageGrouping, since: Date?) throws -> [UsageRow] {
        let key =
            switch grouping {
            case .day: "date(started_at / 1000, 'unixepoch')"
            case .model: "model"
            case .asset: "asset_id"
            }
        let order = grouping == .day ? "k DESC" : "cost DESC, k"
        let rows = try database.query(
            """
            SELECT \(key) AS k, COUNT(*), SUM(status = 'ok'), COALESCE(SUM(output_tokens), 0) + COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(cost_usd), 0) AS cost,
                   COALESCE(SUM(possibly_billed), 0), COALESCE(SUM(reserved_usd), 0), COALESCE(SUM(CASE WHEN batch = 1 THEN cost_usd END), 0)
            FROM calls WHERE started_at >= ? GROUP BY k ORDER BY \(order)
            """, [.int(Int64((since ?? .distantPast).timeIntervalSince1970 * 1000))])
        return rows.map {
            UsageRow(
                key: $0[0].text ?? "", calls: Int($0[1].int ?? 0), images: Int($0[2].int ?? 0),
                tokens: Int($0[3].int ?? 0), costUSD: $0[4].double ?? 0,
                possiblyBilled: Int($0[5].int ?? 0), possiblyBilledUSD: $0[6].double ?? 0, batchUSD: $0[7].double ?? 0)
        }
    }
}
