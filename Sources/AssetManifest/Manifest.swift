import AssetSupport

/// A config block with the location of each key, so later checks can point at the right line.
package struct LocatedConfig: Sendable, Hashable {
    package var values = GenerationConfig()
    package var locations: [String: SourceLocation] = [:]

    package init() {}
}

/// One entry of `references:`.
package struct ReferenceDeclaration: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A file, relative to the manifest's folder.
        case file(String)
        /// Another asset's output.
        case asset(String)
    }

    package var kind: Kind
    package var location: SourceLocation
}

/// One entry of `assets:`, as written.
package struct AssetDeclaration: Sendable, Hashable {
    package var id: String
    package var output: String
    package var prompt: String
    package var styles: [String]
    package var references: [ReferenceDeclaration]
    package var config: LocatedConfig
    /// How many images to make for these inputs (`variants:`), to choose from with `pick`. Not in the fingerprint.
    package var variants = 1
    /// `frozen: true`: keep the committed image when the inputs change. Not in the fingerprint.
    package var frozen = false
    /// Locations by key (`id`, `output`, `prompt`, `style`, `references`, `config`, …), and "" for the entry itself.
    package var locations: [String: SourceLocation]
    package var renditions: [RenditionDeclaration] = []
    /// `scales:` and `point_size:` of an `.imageset` output.
    package var scales: [Int]?
    package var pointSize: [Double]?
    package var appearances: [AppearanceDeclaration] = []
    /// `edits:`: the turns that refine the image after its prompt (see `EditDeclaration`).
    package var edits: [EditDeclaration] = []
    /// `checks:`, `alt:` and `alt_max_chars:` (see ImageChecks.swift). Not in the fingerprint.
    package var checks: ImageChecks?
    package var alt: AltTextSpec?
    package var altMaxCharacters: Int?

    package func location(_ key: String) -> SourceLocation? { locations[key] ?? locations[""] }
}

/// `assets.yml` as parsed, before cross-checks and defaults.
package struct Manifest: Sendable {
    /// The supported schema version.
    package static let currentVersion = 1

    /// The name the user knows the file by, used in every diagnostic.
    package var displayPath: String
    package var version: Int
    package var provider: String?
    package var providerLocation: SourceLocation?
    package var api: APISettings
    package var defaults: LocatedConfig
    package var styles: [String: String]
    package var styleLocations: [String: SourceLocation]
    /// The `models:` block: models this release does not know, or new values for built-in ones.
    package var models: [ModelDeclaration] = []
    package var assets: [AssetDeclaration]
    /// The `git:` block.
    package var git = GitSettings()
    /// The top-level `checks:` defaults and `alt_text_file:`.
    package var checks = ChecksDefaults()
    package var altTextFile: String?
    package var altTextFileLocation: SourceLocation?
}

/// The manifest's `git:` block: how `generate` commits.
package struct GitSettings: Sendable, Equatable {
    /// `commit_manifest: true`: `assets.yml` goes into the same commit as the images it made.
    package var commitManifest = false

    package init(commitManifest: Bool = false) { self.commitManifest = commitManifest }
}
