import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

extension GenerateEngine {
    /// Once every asset is done, writes the `Contents.json` of each selected catalog set whose file is stale
    /// or whose images changed this run, listing the images that exist then. Recorded in the set's lock entry.
    func writeCatalogs(into outcomes: inout [String: AssetOutcome], selected: [ResolvedAsset]) {
        for asset in selected {
            guard let set = asset.catalog?.set, var outcome = outcomes[asset.id],
                var entry = lockEntries.value[asset.id] ?? context.lock.assets[asset.id]
            else { continue }  // the set's image was never made
            let members = selected.filter { $0.catalog?.primary == asset.id }
            do {
                let recorded = Dictionary(
                    (entry.renditions ?? []).map { ($0.output, $0) }, uniquingKeysWith: { first, _ in first })
                let plans = try context.planner(force: options.force).planCatalog(set, recorded: recorded)
                let imagesChanged = members.contains { outcomes[$0.id].map { $0.state != .fresh } ?? false }
                guard imagesChanged || plans.contains(where: { $0.state == .stale }) else { continue }
                let previous = members.flatMap { context.lock.assets[$0.id]?.writtenFiles ?? [] }
                let written = try CatalogWriter(context: context).write(set, previouslyWritten: previous)
                let paths = Set(written.records.map(\.output))
                entry.renditions = (entry.renditions ?? []).filter { !paths.contains($0.output) } + written.records
                record(entry, for: asset.id)
                outcome.renditions = outcome.renditions?.map { file in
                    var file = file
                    if paths.contains(file.output) {
                        file.state = written.changed.contains(file.output) ? .rendered : .fresh
                    }
                    return file
                }
                if !written.changed.isEmpty, outcome.state == .fresh {
                    outcome.state = .rendered
                    reporter.report(.finished(outcome))
                }
            } catch {
                outcome.state = .failed
                outcome.error = AssetFailure(error)
                reporter.report(.finished(outcome))
            }
            outcomes[asset.id] = outcome
        }
    }
}
