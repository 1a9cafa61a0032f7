import Foundation

/// Something that happened during a run, kept a value until a reporter prints (or a test checks) it.
package enum RunEvent: Sendable {
    /// An asset is done: fresh, restored, generated, rendered, failed or left stale.
    case finished(AssetOutcome)
    /// Another run holds the project; this one waits for it.
    case waitingForLock(holder: String)
    /// An asset left the manifest; its output stays where it is.
    case assetRemoved(id: String, output: String)
    /// A file the asset no longer makes (a rendition, a catalog file); it stays where it is.
    case fileNoLongerMade(asset: String, output: String)
    /// A run begins work on this many selected assets (for a live status line).
    case runStarted(assets: Int)
    /// A provider call was sent for the asset.
    case callStarted(asset: String, at: Date)
    /// The asset's call has an outcome (answer or failure).
    case callEnded(asset: String)
    /// A call failed in a way worth retrying and is retried after `delay` seconds.
    case retrying(asset: String, reason: String, attempt: Int, of: Int, delay: Double)
    /// A Batch API job was submitted.
    case batchSubmitted(name: String, model: String, images: Int)
    /// A job the service already had for the same requests (an earlier submit whose answer was lost) was
    /// adopted instead of submitting, and paying for, another.
    case batchFound(name: String, model: String, images: Int)
    /// A Batch API job ended and its answers were stored.
    case batchEnded(name: String, state: String, answered: Int, requests: Int)
    /// A Batch API job was cancelled.
    case batchCancelled(name: String, assets: Int)
    /// Answers for `requested` came from `served` (the answer's `modelVersion`): reported once per model a run.
    case servedByAnotherModel(requested: String, served: String)
    /// The unfinished Batch API jobs could not be checked; their assets are left as they are.
    case batchCheckFailed(reason: String)

    /// The event as one line for people.
    package var message: String {
        switch self {
        case .finished(let outcome): "\(outcome.state.rawValue) \(outcome.id) → \(outcome.output)"
        case .waitingForLock(let holder): "waiting for another generate-assets run (PID \(holder)) to finish…"
        case .assetRemoved(let id, let output):
            "asset '\(id)' is no longer in the manifest; its output \(output) was left in place"
        case .fileNoLongerMade(let asset, let output):
            "\(output) is no longer made for '\(asset)'; the file was left in place"
        case .batchSubmitted(let name, let model, let images):
            "submitted batch job \(name): \(images) \(model) image\(images == 1 ? "" : "s")"
        case .runStarted(let assets): "working on \(assets) asset\(assets == 1 ? "" : "s")"
        case .callStarted(let asset, _): "calling for \(asset)"
        case .callEnded(let asset): "call for \(asset) ended"
        case .retrying(let asset, let reason, let attempt, let of, let delay):
            "retrying \(asset): \(reason) (attempt \(attempt) of \(of) in \(String(format: "%.1f", delay)) s)"
        case .batchFound(let name, let model, let images):
            "found existing batch job \(name) for these requests: \(images) \(model) image\(images == 1 ? "" : "s"); nothing new was submitted"
        case .batchEnded(let name, let state, let answered, let requests):
            "batch \(name) \(state.replacingOccurrences(of: "BATCH_STATE_", with: "").lowercased()): \(answered) of \(requests) answers"
        case .batchCancelled(let name, let assets):
            "cancelled batch job \(name) (\(assets) asset\(assets == 1 ? "" : "s"))"
        case .servedByAnotherModel(let requested, let served):
            "warning: \(requested) was answered by \(served) (the answer's modelVersion): Google routes some retired "
                + "ids to their replacements and bills the replacement's price; the lock and the note record both; "
                + "write 'model: \(served)' to ask for it by name"
        case .batchCheckFailed(let reason):
            "could not check the unfinished batch jobs (\(reason)); their assets are left as they are"
        }
    }
}
