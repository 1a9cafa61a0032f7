import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// How `status` sees checks: a fresh image whose checks failed (or were never judged) is not done, unless it was
/// accepted by hand (`pick`) or the asset is frozen; so `status --check` fails on it.
enum ImageCheckStatus {
    static func problem(_ asset: ResolvedAsset, entry: LockEntry?) -> StaleReason? {
        guard let checks = asset.checks, !asset.frozen, let entry, !entry.placeholder else { return nil }
        guard let record = entry.checks, record.key == CheckJudging.checksKey(checks, model: asset.judgeModel) else {
            return .checksNotPassed("not judged yet for the current checks; run 'generate-assets'")
        }
        guard !record.verdict.passed, record.accepted != true else { return nil }
        let failed = record.verdict.results.filter { !$0.passed }.map(\.check)
        return .checksNotPassed("failed \(failed.joined(separator: ", ")); pick a variant by hand to accept one")
    }
}

/// `alt_text_file:`: a JSON map of output path to alt text, from the lock, written when it changes.
enum AltTextFile {
    /// Writes the file when its content would change; returns its project path when the project has one.
    @discardableResult
    static func write(_ lock: Lockfile, context: ProjectContext) throws -> String? {
        guard let path = context.project.altTextFile else { return nil }
        var map: [String: String] = [:]
        let declared = Set(context.project.assets.map(\.id))
        for (id, entry) in lock.assets where declared.contains(id) {
            if let alt = entry.alt { map[entry.output] = alt }
        }
        let data = try JSONText.data(map) + Data("\n".utf8)
        let absolute = context.absolute(path)
        guard FileManager.default.contents(atPath: absolute) != data else { return path }
        try FileManager.default.createDirectory(
            atPath: ProjectPath.parent(absolute), withIntermediateDirectories: true)
        try AtomicFileWriter.write(data, to: absolute)
        return path
    }
}

extension AssetOutcome {
    /// Shows the lock's verdict and alt text, and the most images a generate may make (`attempts:`).
    mutating func showChecks(plan: AssetPlan, entry: LockEntry?) {
        if plan.calls > 0, let attempts = plan.asset.checks?.attempts, attempts > 1 { maxImages = attempts }
        if let entry, plan.fingerprint == entry.fingerprint {
            checks = entry.checks
            alt = entry.alt
        }
    }
}
