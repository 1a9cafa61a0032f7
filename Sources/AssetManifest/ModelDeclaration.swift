import AssetSupport

/// One entry of the manifest's `models:` block, as written: a field is nil when it is not given, and
/// then keeps the built-in value (for a built-in id) or a default (for a new one).
public struct ModelDeclaration: Sendable, Hashable {
    /// A price as written: one number for every size, or one per image size.
    public enum Price: Sendable, Hashable {
        case flat(Double)
        case bySize([String: Double])
    }

    public var id: String
    public var aspectRatios: [String]?
    public var imageSizes: [String]?
    public var maxReferences: Int?
    public var thinkingLevels: [String]?
    public var price: Price?
    public var batchPrice: Price?
    /// Locations by key (of the value), `KEY.SIZE` for a size in a price mapping, and "" for the model id.
    public var locations: [String: SourceLocation]
    /// True when reading it found errors (already reported): it is left out of the catalog.
    public var hasErrors = false

    public func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}
