import AssetCache
import AssetFingerprint
import AssetSupport
import Foundation

/// The recorded jobs, indexed by asset and fingerprint: which assets wait in an unfinished job, and why
/// an asset whose job ended is still stale.
struct BatchBook: Sendable {
    private var pendingJobs: [String: BatchJob] = [:]
    private var failures: [String: StaleReason] = [:]

    init(_ jobs: [BatchJob]) {
        // Oldest first, so the newest job's word on an asset wins; within a job, a failed variant's.
        for job in jobs.sorted(by: { $0.createdAt < $1.createdAt }) {
            for request in job.requests.sorted(by: { $0.state != "failed" && $1.state == "failed" }) {
                let key = Self.key(request.assetID, request.fingerprint)
                if !job.isTerminal {
                    pendingJobs[key] = job
                } else if request.state == "failed" {
                    failures[key] = .batchRequestFailed(request.error ?? "no reason given")
                } else {
                    failures[key] = nil
                }
            }
        }
    }

    /// Reads the cache's jobs without asking the service (status, dry runs).
    init(cache: CacheStore?) {
        self.init((try? cache?.batchJobs()) ?? [])
    }

    static func key(_ id: String, _ fingerprint: ContentHash) -> String { id + " " + fingerprint.hex }

    /// The unfinished job that will answer this asset at these inputs.
    func pending(_ id: String, _ fingerprint: ContentHash?) -> BatchJob? {
        fingerprint.flatMap { pendingJobs[Self.key(id, $0)] }
    }

    /// Why the last job for this asset at these inputs brought no image.
    func failure(_ id: String, _ fingerprint: ContentHash?) -> StaleReason? {
        fingerprint.flatMap { failures[Self.key(id, $0)] }
    }
}

extension AssetOutcome {
    /// Marks an asset that waits in an unfinished job, with the reason saying so.
    mutating func markPending(_ job: BatchJob) {
        batch = BatchMark(name: job.name, state: job.state)
        action = .wait
        estimatedCostUSD = 0
        reasons.append(.inBatchJob(name: job.name ?? job.displayName, state: BatchCoordinator.describe(job.state)))
    }
}
