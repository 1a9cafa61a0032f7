import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// Images a plan needs that this clone cannot recover: a catalog set's image that an asset about to be
/// generated sends as a reference, an image committed for an asset's current inputs, when neither the
/// cache nor git (`refs/generate-assets/answers`) has it.
/// `status` and `--dry-run` say so before any money is spent, with a fix that never re-rolls shipped art.
enum UnrecoverableImages {
    static func warnings(_ plans: [AssetPlan], history: HistoryFinds, context: ProjectContext) -> [Diagnostic] {
        var said = Set<String>()
        var warnings: [Diagnostic] = []
        // Still a call for the very inputs history recorded the image for.
        let calling = Set(
            plans.filter { $0.state == .stale && $0.calls > 0 && !$0.kept }.compactMap { plan in
                plan.fingerprint.map { "\(plan.asset.id) \($0.hex)" }
            })
        for plan in plans where plan.unrecoverable {
            warnings.append(
                Diagnostic(
                    .warning,
                    "the image of '\(plan.asset.id)' (\(plan.asset.output)), which its files are made from, is in neither this cache nor git, so they cannot be made without replacing it",
                    fix: HistoryAnswers.fix(for: plan.asset.id)))
        }
        for missing in history.missing where calling.contains("\(missing.asset) \(missing.fingerprint.hex)") {
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(missing.asset)' was committed for these inputs (\(missing.commit)), but its image (\(missing.image.short)) is in neither this cache nor git: generating it would pay for it again",
                    fix: HistoryAnswers.fix(for: missing.asset)))
        }
        for plan in plans where plan.state == .stale && plan.calls > 0 && !plan.kept && !plan.editedByHand {
            for case .asset(let id) in plan.asset.references where !said.contains(id) {
                guard let upstream = context.project.asset(id), !upstream.hasOutputFile,
                    let image = context.lock.assets[id]?.answerSHA256,
                    plans.first(where: { $0.asset.id == id })?.state != .stale,
                    !((try? context.cache?.hasBlob(image)) ?? false),
                    !HistoryAnswers.has(image, projectRoot: context.project.root)
                else { continue }
                said.insert(id)
                warnings.append(
                    Diagnostic(
                        .warning,
                        "'\(plan.asset.id)' sends the image of '\(id)' (\(upstream.output)), which is in neither this cache nor git, so it cannot be made",
                        fix: HistoryAnswers.fix(for: id)))
            }
        }
        return warnings
    }
}
