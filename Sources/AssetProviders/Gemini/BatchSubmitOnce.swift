import Foundation

extension GeminiProvider {
    /// Sends a `batchGenerateContent` request so that it makes one job however its answers are lost: a submit
    /// whose answer did not arrive (a dropped connection, a timeout) may have made the job, so before each
    /// retry the job is looked up by its display name, and a job found is the answer.
    func submitOnce(_ request: HTTPRequest, model: String, displayName: String) async throws -> BatchStatus {
        var lost = 0
        while true {
            do {
                // A lost answer is not retried inside the exchange: it comes back here as possibly billed.
                let (response, _, _) = try await exchange(
                    request, model: model, billable: true, authorizeBilledRetry: { false })
                return try Self.status(response.body)
            } catch let error as ProviderError where error.possiblyBilledAttempts > 0 {
                if let found = try await findBatch(displayName: displayName) { return found }
                lost += 1
                guard lost < settings.retry.maxAttempts else { throw error }
                await sleep(settings.retry.delay(after: lost, hint: nil))
            }
        }
    }
}
