import AssetSupport
import Foundation

/// Answers from another model than the one asked for (`modelVersion`), synchronous or from a Batch job.
extension GenerateEngine {
    /// Records that `served` answered for `requested`, warning the first time this run.
    func noteServed(requested: String, by served: String) {
        let first = servedBy.withValue { seen in seen.updateValue(served, forKey: requested) != served }
        if first { reporter.report(.servedByAnotherModel(requested: requested, served: served)) }
    }

    /// One warning per model answered by another this run, for the report's `warnings`.
    var servedWarnings: [Diagnostic] {
        servedBy.value.sorted { $0.key < $1.key }.map { requested, served in
            .warning(
                "\(requested) was answered by \(served) (modelVersion); costs use \(served)'s price where known",
                key: "model", fix: "write 'model: \(served)' to ask for it by name")
        }
    }
}
