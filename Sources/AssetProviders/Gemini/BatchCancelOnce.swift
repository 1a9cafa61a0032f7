import Foundation

extension GeminiProvider {
    /// Cancels a job unless it has already ended, and answers its status afterwards: a job that succeeded
    /// before (or while) the cancel was asked for keeps its answers, for the caller to apply.
    package func finishedOrCancelled(_ name: String) async throws -> BatchStatus {
        let before = try await batchStatus(name)
        guard !Self.batchEnded(before.state) else { return before }
        do {
            try await cancelBatch(name)
        } catch let error as ProviderError {
            // It ended between the two requests (400 FAILED_PRECONDITION): its status says how.
            let after = try await batchStatus(name)
            guard Self.batchEnded(after.state) else { throw error }
            return after
        }
        return try await batchStatus(name)
    }

    /// True for the states a job does not leave.
    static func batchEnded(_ state: String) -> Bool {
        [
            "BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED", "BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED",
            "JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED",
        ].contains(state)
    }
}
