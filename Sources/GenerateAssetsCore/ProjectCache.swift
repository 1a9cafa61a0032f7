import AssetCache
import AssetSupport
import Foundation

/// Cache operations that need no loaded project.
package enum ProjectCache {
    /// Moves the cache aside; see `CacheStore.reset`.
    package static func reset(projectRoot: String) throws -> String? { try CacheStore.reset(projectRoot: projectRoot) }
}
