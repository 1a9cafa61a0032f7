import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport

extension ProjectContext {
    /// The image an upstream asset gives the assets that use it, when it is not made in this run: its output
    /// as it is on disk, or, for a catalog set (a folder), the image the lock records. nil when it has none yet.
    func upstreamImage(of id: String) throws -> ContentHash? {
        guard let upstream = project.asset(id) else { return nil }
        return upstream.hasOutputFile ? try hasher.hash(upstream.output) : lock.assets[id]?.answerSHA256
    }
}
