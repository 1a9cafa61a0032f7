import AssetCache
import AssetManifest
import AssetSupport
import Foundation

/// `usage`: spend from the call log, and from the provenance notes for answers the log does not have.
package enum UsageRunner {
    package struct Report: Sendable, Codable {
        package var grouping: CacheStore.UsageGrouping
        package var rows: [UsageRow]
        package var totalUSD: Double

        enum CodingKeys: String, CodingKey {
            case grouping, rows
            case totalUSD = "total_usd"
        }
    }

    package static func report(
        options: ProjectOptions, by grouping: CacheStore.UsageGrouping, days: Int?, clock: any WallClock = SystemClock()
    ) throws -> Report {
        let root = try ProjectContext.validate(options).root
        let since = days.map { clock.now().addingTimeInterval(-Double($0) * 86_400) }
        let cache = try CacheStore.open(projectRoot: root, readOnly: true, clock: clock)
        let logged = try cache?.usage(by: grouping, since: since) ?? []
        // The notes keep what was spent when the call log is gone (a fresh clone, a deleted cache).
        let rows = NoteSpend.merge(
            NoteSpend.read(projectRoot: root), into: logged, logged: try cache?.answeredCalls() ?? [], by: grouping,
            since: since)
        return Report(grouping: grouping, rows: rows, totalUSD: rows.map(\.costUSD).reduce(0, +))
    }
}
