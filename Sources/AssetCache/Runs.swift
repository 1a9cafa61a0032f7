import Foundation

/// The reports of recent `generate` runs and the commit each started from, for `report`.
extension CacheStore {
    /// Records a run's report (JSON); only the newest `keep` are kept.
    package func recordRun(report: Data, baseline: String?, keep: Int = 20) throws {
        try database.transaction {
            try database.query(
                "INSERT INTO runs (finished_at, baseline, report) VALUES (?, ?, ?)",
                [
                    .int(nowMilliseconds), baseline.map { .text($0) } ?? .null,
                    .text(String(decoding: report, as: UTF8.self)),
                ])
            try database.query(
                "DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)", [.int(Int64(keep))])
        }
    }

    /// The last recorded run: its report (JSON), the commit it started from, and when it finished.
    package func lastRun() throws -> (report: Data, baseline: String?, finishedAt: Date)? {
        guard try hasVariantTables else { return nil }
        guard
            let row = try database.query("SELECT report, baseline, finished_at FROM runs ORDER BY id DESC LIMIT 1")
                .first, let text = row[0].text
        else { return nil }
        return (Data(text.utf8), row[1].text, Date(timeIntervalSince1970: Double(row[2].int ?? 0) / 1000))
    }
}
