import AssetCache
import AssetSupport
import Foundation

/// Cache operations that need no loaded project.
public enum ProjectCache {
    /// Moves the cache aside; see `CacheStore.reset`.
    public static func reset(projectRoot: String) throws -> String? { try CacheStore.reset(projectRoot: projectRoot) }
}
