import AssetCache
import AssetProviders
import AssetSupport
import Foundation

/// `batch list`, `batch wait` and `batch cancel`.
package enum BatchRunner {
    /// Every recorded job, brought up to date when a key is at hand (without one, as last recorded). A job that
    /// ended since is applied (its answers stored in the cache) and carries what they cost.
    package static func list(_ context: ProjectContext, reporter: any RunReporter) async throws -> [BatchSummary] {
        guard let cache = context.cache else { return [] }
        let spend = BatchSpend()
        if (try? context.provider.preflight()) != nil,
            let coordinator = try? BatchCoordinator(context: context, spend: spend)
        {
            try await coordinator.refresh { reporter.report($0) }
        }
        return try cache.batchJobs().map { BatchSummary($0, now: context.clock.now(), applied: spend) }
    }

    /// Polls with backoff until every job has ended (or `timeout` passes), then applies their answers:
    /// outputs, lock and one commit, as `generate` would, with no provider call.
    /// - Parameter interval: the first wait between polls; it doubles up to a minute.
    package static func wait(
        _ context: ProjectContext, timeout: TimeInterval?, interval: TimeInterval = 5, commit: Bool,
        reporter: any RunReporter,
        sleep: @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) async throws -> RunReport {
        let spend = BatchSpend()
        try await pollUntilEnded(
            context, started: context.clock.now(), timeout: timeout, interval: interval, reporter: reporter,
            sleep: sleep, spend: spend)
        var options = GenerateOptions(commit: commit)
        options.restoreOnly = true
        return try await GenerateEngine(context: context, options: options, reporter: reporter, batchSpend: spend)
            .run()
    }

    /// Cancels the named job, or every unfinished one; one that already ended is applied, with what it cost.
    package static func cancel(_ context: ProjectContext, name: String?, reporter: any RunReporter) async throws
        -> [BatchSummary]
    {
        let spend = BatchSpend()
        let coordinator = try BatchCoordinator(context: context, spend: spend)
        let jobs = try coordinator.cache.batchJobs(pendingOnly: true).filter { !$0.isTerminal }
        let chosen = name.map { name in jobs.filter { $0.name == name || $0.displayName == name } } ?? jobs
        if let name, chosen.isEmpty {
            throw UserFacingError(
                "no unfinished batch job named '\(name)'",
                fix: jobs.isEmpty
                    ? "there is none; 'generate-assets batch list' shows them all"
                    : "choose one of: \(jobs.compactMap(\.name).joined(separator: ", "))")
        }
        var cancelled: [BatchSummary] = []
        for job in chosen {
            let done = try await coordinator.cancel(job)
            if done.state == "BATCH_STATE_CANCELLED" {
                reporter.report(.batchCancelled(name: done.name ?? done.displayName, assets: done.requests.count))
            } else {
                // It ended before the cancel: its answers were applied, not dropped.
                reporter.report(
                    .batchEnded(
                        name: done.name ?? done.displayName, state: done.state,
                        answered: done.requests.filter { $0.state == "succeeded" }.count,
                        requests: done.requests.count))
            }
            cancelled.append(BatchSummary(done, now: context.clock.now(), applied: spend))
        }
        return cancelled
    }
}
