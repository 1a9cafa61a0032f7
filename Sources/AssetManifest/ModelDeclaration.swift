import AssetSupport

/// One entry of the manifest's `models:` block, as written: a field is nil when it is not given, and
/// then keeps the built-in value (for a built-in id) or a default (for a new one).
package struct ModelDeclaration: Sendable, Hashable {
    /// A price as written: one number for every size, or one per image size.
    package enum Price: Sendable, Hashable {
        case flat(Double)
        case bySize([String: Double])
    }

    package var id: String
    package var aspectRatios: [String]?
    package var imageSizes: [String]?
    package var maxReferences: Int?
    package var thinkingLevels: [String]?
    package var price: Price?
    package var batchPrice: Price?
    /// `multi_turn`: whether the model keeps what it drew across the turns of an edit.
    package var supportsMultiTurn: Bool?
    /// Locations by key (of the value), `KEY.SIZE` for a size in a price mapping, and "" for the model id.
    package var locations: [String: SourceLocation]
    /// True when reading it found errors (already reported): it is left out of the catalog.
    package var hasErrors = false

    package func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}
