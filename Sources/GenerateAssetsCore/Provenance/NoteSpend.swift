import AssetCache
import AssetGit
import AssetProvenance
import AssetSupport
import Foundation

/// Spend recorded in the provenance notes, for `usage`: every paid answer a note carries, once.
///
/// A note records the answer an output was made from with its cost and the time its call started. The
/// same answer can be in several notes (restored, or re-committed with renditions), so answers are
/// counted once by asset id, start time and response id (variants made side by side can start in the same
/// millisecond); with a call log too, an answer whose call the log has (same
/// asset, same start time to the millisecond: both are read from one clock reading) is the log's.
enum NoteSpend {
    struct Paid {
        var id: String
        var model: String
        var startedAt: Date
        var costUSD: Double
        var tokens: Int
        var batch: Bool
    }

    /// The cost every note records for an image, by `imageKey` (asset id and output hash): what its inputs
    /// cost, every variant's call (`variant_calls`) when there are several, as the cache counts it.
    static func imageCosts(in repository: GitRepository) -> [String: Double] {
        var costs: [String: Double] = [:]
        for text in repository.allNotes() {
            for record in ProvenanceNote.parse(text)?.assets ?? [] where !record.placeholder {
                let variants = (record.variantCalls ?? [:]).sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
                    .compactMap(\.value.costUSD)
                guard let cost = variants.isEmpty ? record.costUSD : variants.reduce(0, +) else { continue }
                costs[imageKey(record.id, record.outputSHA256.hex)] = cost
            }
        }
        return costs
    }

    static func imageKey(_ id: String, _ output: String) -> String { id + "\u{0}" + output }

    /// The paid answers in every note of the repository holding `root`, once each, oldest first.
    static func read(projectRoot root: String) -> [Paid] {
        guard let repository = try? GitRepository.discover(at: root) else { return [] }
        var seen = Set<String>()
        var paid: [Paid] = []
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in repository.allNotes() {
            // The record's own call, and every variant's (`variant_calls`): variants never committed as an
            // output were paid for too.
            for record in ProvenanceNote.parse(text)?.assets ?? [] where !record.placeholder {
                for call in [VariantCall(record)] + (record.variantCalls ?? [:]).values {
                    guard let cost = call.costUSD, let started = call.startedAt,
                        let date = parser.date(from: started),
                        // Variants made side by side can start in the same millisecond: their responses differ.
                        seen.insert(key(record.id, date) + "\u{0}" + (call.responseID ?? "")).inserted
                    else { continue }
                    paid.append(
                        Paid(
                            id: record.id, model: record.model, startedAt: date, costUSD: cost,
                            tokens: (call.usage?.promptTokens ?? 0) + (call.usage?.outputTokens ?? 0),
                            batch: call.batchJob != nil))
                }
            }
        }
        return paid.sorted { $0.startedAt < $1.startedAt }
    }

    /// The key an answer is counted once by: its asset and its call's start, in milliseconds.
    static func key(_ id: String, _ started: Date) -> String {
        "\(id)\u{0}\(Int64(started.timeIntervalSince1970 * 1000))"
    }

    /// `rows` (from the call log) with the answers the log does not have added to their groups.
    static func merge(
        _ paid: [Paid], into rows: [UsageRow], logged: Set<String>, by grouping: CacheStore.UsageGrouping,
        since: Date?
    ) -> [UsageRow] {
        var rows = rows
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        day.locale = Locale(identifier: "en_US_POSIX")
        for answer in paid where !logged.contains(key(answer.id, answer.startedAt)) {
            if let since, answer.startedAt < since { continue }
            let group =
                switch grouping {
                case .day: day.string(from: answer.startedAt)
                case .model: answer.model
                case .asset: answer.id
                }
            var row =
                rows.first { $0.key == group }
                ?? UsageRow(
                    key: group, calls: 0, images: 0, tokens: 0, costUSD: 0, possiblyBilled: 0, possiblyBilledUSD: 0,
                    batchUSD: 0)
            row.calls += 1
            row.images += 1
            row.tokens += answer.tokens
            row.costUSD += answer.costUSD
            if answer.batch { row.batchUSD += answer.costUSD }
            rows.removeAll { $0.key == group }
            rows.append(row)
        }
        return grouping == .day
            ? rows.sorted { $0.key > $1.key } : rows.sorted { ($0.costUSD, $1.key) > ($1.costUSD, $0.key) }
    }
}
