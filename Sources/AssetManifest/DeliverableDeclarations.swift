import AssetSupport

/// One entry of an asset's `renditions:`, as written.
package struct RenditionDeclaration: Sendable, Hashable {
    package var output = ""
    package var width: Int?
    package var height: Int?
    package var fit: String?
    package var removeBackground: String?
    package var tolerance: Double?
    /// Locations by key, and "" for the entry itself.
    package var locations: [String: SourceLocation] = [:]

    package func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}

/// One entry of `appearances:` (`dark`, `tinted`): what the appearance's image changes from the asset's own.
/// Anything not given is the asset's; `config` is laid over the asset's config.
package struct AppearanceDeclaration: Sendable, Hashable {
    package var name: String
    package var prompt: String?
    package var styles: [String]?
    package var references: [ReferenceDeclaration]?
    package var config: LocatedConfig?
    /// Locations by key, and "" for the entry itself.
    package var locations: [String: SourceLocation] = [:]

    package func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }

    /// True when it sets nothing, so its image would be the asset's own.
    package var isEmpty: Bool {
        prompt == nil && styles == nil && references == nil && (config?.locations.isEmpty ?? true)
    }
}
