import AssetCache
import AssetManifest
import AssetSupport
import Foundation

extension BatchRunner {
    /// What `batch list` shows, and whether another run held the project.
    package struct Listing: Sendable {
        package var jobs: [BatchSummary]
        /// The PID of the run that holds the project, when it did: the jobs are then as last recorded.
        package var heldBy: String?
    }

    /// `batch list`: applying a finished job writes the cache, so it happens only under the run lock. When
    /// another run holds the project (it applies finished jobs itself), the jobs are shown as last recorded
    /// and nothing is applied, so no job is applied twice.
    package static func listUnderLock(
        options: ProjectOptions, reporter: any RunReporter,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Listing {
        let context = try ProjectContext(options: options, readOnly: false, environment: environment)
        let lock: ProjectLock
        do {
            lock = try ProjectLock(projectRoot: context.project.root, wait: false) { _ in }
        } catch {
            let recorded = try context.cache?.batchJobs() ?? []
            return Listing(
                jobs: recorded.map { BatchSummary($0, now: context.clock.now()) },
                heldBy: ProjectLock.holder(atProjectRoot: context.project.root))
        }
        defer { withExtendedLifetime(lock) {} }
        return Listing(jobs: try await list(context, reporter: reporter), heldBy: nil)
    }
}

extension ProjectLock {
    /// The PID recorded by the run holding the project's lock ("unknown" when unreadable).
    static func holder(atProjectRoot root: String) -> String {
        let fd = open(root + "/" + StateFolder.name + "/run.lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "unknown" }
        defer { close(fd) }
        return holder(fd)
    }
}
