import Foundation

/// What tests (and the executable) do to batches: script them, finish them, look at them.
extension GeminiStub {
    /// The next batch created follows `script` (batches without one follow `Options.batchSchedule`).
    package func scriptBatch(_ script: BatchScript) { batchStore.enqueue(script) }

    /// The next batch created succeeds at its Nth poll; requests with `failKeys` answer an error object.
    package func scriptBatch(succeedAfterPolls polls: Int, failKeys: Set<String> = []) {
        scriptBatch(BatchScript(schedule: .afterPolls(polls), failKeys: failKeys))
    }

    /// Every running batch ends now as its script says (succeeded unless scripted otherwise), results drawn.
    package func completeAllBatches() {
        for batch in batchStore.snapshot { batchStore.finish(batch.id, as: nil, draw: drawResults) }
    }

    /// Ends one running batch now (`batches/…` or its id) in this state: expired, cancelled, failed or succeeded.
    package func finishBatch(_ name: String, as ending: BatchEnding) {
        batchStore.finish(String(name.split(separator: "/").last ?? ""), as: ending, draw: drawResults)
    }

    /// Ends every running batch in this state.
    package func finishAllBatches(as ending: BatchEnding) {
        for batch in batchStore.snapshot { batchStore.finish(batch.id, as: ending, draw: drawResults) }
    }

    /// Every batch, oldest first, as it stands (looking does not count as a poll).
    package var batches: [StubBatchSummary] { batchStore.snapshot.map(\.summary) }

    /// The `batchGenerateContent` requests received.
    package var batchRequests: [RecordedRequest] { requests.filter { $0.path.hasSuffix(":batchGenerateContent") } }
}
