import AssetSupport

/// A config block with the location of each key, so later checks can point at the right line.
public struct LocatedConfig: Sendable, Hashable {
    public var values = GenerationConfig()
    public var locations: [String: SourceLocation] = [:]

    public init() {}
}

/// One entry of `references:`.
public struct ReferenceDeclaration: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A file, relative to the manifest's folder.
        case file(String)
        /// Another asset's output.
        case asset(String)
    }

    public var kind: Kind
    public var location: SourceLocation
}

/// One entry of `assets:`, as written.
public struct AssetDeclaration: Sendable, Hashable {
    public var id: String
    public var output: String
    public var prompt: String
    public var styles: [String]
    public var references: [ReferenceDeclaration]
    public var config: LocatedConfig
    /// How many images to make for these inputs (`variants:`), to choose from with `pick`. Not in the fingerprint.
    public var variants = 1
    /// `frozen: true`: keep the committed image when the inputs change. Not in the fingerprint.
    public var frozen = false
    /// Locations by key (`id`, `output`, `prompt`, `style`, `references`, `config`, …), and "" for the entry itself.
    public var locations: [String: SourceLocation]
    public var renditions: [RenditionDeclaration] = []
    /// `scales:` and `point_size:` of an `.imageset` output.
    public var scales: [Int]?
    public var pointSize: [Double]?
    public var appearances: [AppearanceDeclaration] = []

    public func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}

/// `assets.yml` as parsed, before cross-checks and defaults.
public struct Manifest: Sendable {
    /// The supported schema version.
    public static let currentVersion = 1

    /// The name the user knows the file by, used in every diagnostic.
    public var displayPath: String
    public var version: Int
    public var provider: String?
    public var providerLocation: SourceLocation?
    public var api: APISettings
    public var defaults: LocatedConfig
    public var styles: [String: String]
    public var styleLocations: [String: SourceLocation]
    /// The `models:` block: models this release does not know, or new values for built-in ones.
    public var models: [ModelDeclaration] = []
    public var assets: [AssetDeclaration]
}
