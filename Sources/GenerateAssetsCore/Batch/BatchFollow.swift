import AssetCache
import AssetSupport
import Foundation

/// `batch wait --timeout` ran out while jobs still run: not a failure (they keep running at the service, and
/// the next `batch wait` picks them up), so the command exits with its own code for a CI job to poll on.
package struct BatchStillRunning: Error, Sendable {
    /// The exit code of `batch wait` when jobs still run (75, EX_TEMPFAIL: try again later).
    package static let exitCode: Int32 = 75
    package var jobs: [BatchSummary]
    package var timeout: TimeInterval
    /// Rounds applied before the timeout (each one a level of the dependency graph).
    package var rounds: Int

    package var message: String {
        "\(jobs.count) batch job\(jobs.count == 1 ? " is" : "s are") still running after \(Int(timeout)) s: "
            + jobs.map { "\($0.name ?? $0.displayName) (\(BatchCoordinator.describe($0.state)))" }.joined(
                separator: ", ")
    }
    package var fix: String { "run 'generate-assets batch wait' again later; jobs finish within 24 hours" }
}

/// What `batch wait` did.
package struct BatchWaitResult: Sendable {
    /// The last round's run: outputs applied, and the jobs it submitted for the next level, if any.
    package var report: RunReport
    /// Rounds of apply (and submit): one per dependency level that went through Batch.
    package var rounds: Int
}

extension BatchRunner {
    /// `batch wait`: polls until the recorded jobs end, applies their answers (outputs, lock, a commit), and
    /// with `follow` submits the calls of the next dependency level as new jobs and goes on, until every
    /// selected asset is made, one is blocked by a failed request, or `timeout` ends the wait
    /// (`BatchStillRunning`; the jobs keep running). Each round commits what it applied.
    /// - Parameter reload: a fresh context for the next round (the lock file and outputs have changed).
    package static func waitFollowing(
        _ first: ProjectContext, reload: () throws -> ProjectContext, follow: Bool, timeout: TimeInterval?,
        interval: TimeInterval = 5, commit: Bool, reporter: any RunReporter,
        sleep: @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) async throws -> BatchWaitResult {
        let started = first.clock.now()
        var context = first
        var rounds = 0
        // Spent over every round: each round's report counts the answers it applied.
        var spent = (batch: 0.0, synchronous: 0.0)
        while true {
            let spend = BatchSpend()
            let cache = try BatchCoordinator(context: context).cache
            let waitedFor = Set(try cache.batchJobs(pendingOnly: true).map(\.displayName))
            do {
                try await pollUntilEnded(
                    context, started: started, timeout: timeout, interval: interval, reporter: reporter, sleep: sleep,
                    spend: spend)
                Trace.mark("batch answers stored")
            } catch var still as BatchStillRunning {
                still.rounds = rounds
                throw still
            }
            let ended = try cache.batchJobs().filter { waitedFor.contains($0.displayName) }
            // A failed request or job blocks its level: its assets stay stale with the reason, nothing is resubmitted.
            let blocked = ended.contains {
                $0.state != "BATCH_STATE_SUCCEEDED" || $0.requests.contains { $0.state == "failed" }
            }
            var options = GenerateOptions(commit: commit)
            options.batch = follow && !blocked && !waitedFor.isEmpty
            options.restoreOnly = !options.batch
            var report = try await GenerateEngine(
                context: context, options: options, reporter: reporter, batchSpend: spend
            ).run()
            if !waitedFor.isEmpty { rounds += 1 }
            spent.batch += report.batchCostUSD ?? 0
            spent.synchronous += report.synchronousCostUSD ?? 0
            let submitted = (report.batches ?? []).filter { !BatchJob.terminalStates.contains($0.state) }
            guard options.batch, !submitted.isEmpty else {
                report.batches = try cache.batchJobs().filter { waitedFor.contains($0.displayName) }.map {
                    BatchSummary($0, now: context.clock.now())
                }
                (report.batchCostUSD, report.synchronousCostUSD) = (spent.batch, spent.synchronous)
                report.costUSD = spent.batch + spent.synchronous
                return BatchWaitResult(report: report, rounds: rounds)
            }
            context = try reload()
        }
    }

    /// Polls with backoff (doubling up to a minute) until every recorded job has ended, storing the answers
    /// of those that did; throws `BatchStillRunning` once `timeout` since `started` has passed.
    static func pollUntilEnded(
        _ context: ProjectContext, started: Date, timeout: TimeInterval?, interval: TimeInterval,
        reporter: any RunReporter, sleep: @Sendable (TimeInterval) async -> Void, spend: BatchSpend? = nil
    ) async throws {
        let coordinator = try BatchCoordinator(context: context, spend: spend)
        var delay = interval
        while true {
            let jobs = try await coordinator.refresh { reporter.report($0) }
            let open = jobs.filter { !$0.isTerminal }
            if open.isEmpty { return }
            // Wait out the whole timeout: the last wait is what is left of it, then one more poll.
            let left = timeout.map { $0 - context.clock.now().timeIntervalSince(started) }
            if let timeout, let left, left <= 0 {
                throw BatchStillRunning(
                    jobs: open.map { BatchSummary($0, now: context.clock.now()) }, timeout: timeout, rounds: 0)
            }
            await sleep(min(delay, left ?? delay))
            delay = min(60, delay * 2)
        }
    }
}
