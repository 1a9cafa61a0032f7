import AssetSupport

/// One entry of an asset's `renditions:`, as written.
public struct RenditionDeclaration: Sendable, Hashable {
    public var output = ""
    public var width: Int?
    public var height: Int?
    public var fit: String?
    public var removeBackground: String?
    public var tolerance: Double?
    /// Locations by key, and "" for the entry itself.
    public var locations: [String: SourceLocation] = [:]

    public func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}

/// One entry of `appearances:` (`dark`, `tinted`): what the appearance's image changes from the asset's own.
/// Anything not given is the asset's; `config` is laid over the asset's config.
public struct AppearanceDeclaration: Sendable, Hashable {
    public var name: String
    public var prompt: String?
    public var styles: [String]?
    public var references: [ReferenceDeclaration]?
    public var config: LocatedConfig?
    /// Locations by key, and "" for the entry itself.
    public var locations: [String: SourceLocation] = [:]

    public func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }

    /// True when it sets nothing, so its image would be the asset's own.
    public var isEmpty: Bool {
        prompt == nil && styles == nil && references == nil && (config?.locations.isEmpty ?? true)
    }
}
