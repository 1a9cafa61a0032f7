import Foundation

/// When a batch the stub holds finishes.
package enum BatchSchedule: Sendable, Hashable {
    /// The Nth `GET batches/{id}` sees it finished (0 or 1: the first poll); earlier polls see PENDING, then RUNNING.
    case afterPolls(Int)
    /// Finished once this many seconds have passed since it was created (seen at the next poll or listing).
    case afterSeconds(TimeInterval)
    /// Never by itself: a test calls `completeAllBatches()` or `finishBatch(_:as:)`.
    case manual

    /// Parses `polls:N`, `seconds:S` or `manual`.
    package init?(spec: String) {
        let parts = spec.split(separator: ":").map(String.init)
        switch (parts.first, parts.count) {
        case ("polls", 2):
            guard let count = Int(parts[1]), count >= 0 else { return nil }
            self = .afterPolls(count)
        case ("seconds", 2):
            guard let seconds = Double(parts[1]), seconds >= 0 else { return nil }
            self = .afterSeconds(seconds)
        case ("manual", 1): self = .manual
        default: return nil
        }
    }
}

/// The final state a batch reaches.
package enum BatchEnding: String, Sendable, CaseIterable {
    case succeeded = "BATCH_STATE_SUCCEEDED"
    case failed = "BATCH_STATE_FAILED"
    case cancelled = "BATCH_STATE_CANCELLED"
    case expired = "BATCH_STATE_EXPIRED"
}

/// How the next batch created behaves.
package struct BatchScript: Sendable {
    package var schedule: BatchSchedule
    package var ending: BatchEnding
    /// Requests whose `metadata.key` (inline) or `key` (file) is listed answer an error object instead of an image.
    package var failKeys: Set<String>

    package init(schedule: BatchSchedule, ending: BatchEnding = .succeeded, failKeys: Set<String> = []) {
        self.schedule = schedule
        self.ending = ending
        self.failKeys = failKeys
    }
}
