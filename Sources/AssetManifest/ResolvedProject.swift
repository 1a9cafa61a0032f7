import AssetSupport
import Foundation

/// A reference after validation: a project-relative file, or another asset.
package enum ResolvedReference: Sendable, Hashable {
    case file(path: String, format: ImageFormat)
    case asset(id: String)
}

/// An asset with defaults applied, styles joined and every value checked against its model.
package struct ResolvedAsset: Sendable, Hashable {
    package var id: String
    /// Project-relative, normalized.
    package var output: String
    /// The prompt with its styles joined (see `PromptComposer`).
    package var prompt: String
    package var references: [ResolvedReference]
    /// The effective config: defaults overlaid by the asset's own, with `model` always set.
    package var config: GenerationConfig
    /// The model's table row; nil for a model this version does not know.
    package var model: ImageModel? {
        get { modelRow?.model }
        set { modelRow = newValue.map(ModelRow.init) }
    }
    /// The pixel size the model returns for this config, when known.
    package var pixelSize: PixelSize?
    package var location: SourceLocation
    /// How many images to make for these inputs (`variants:`); the first is written unless another is picked.
    package var variants = 1
    /// Keep the committed image when the inputs change (`frozen: true`); `generate --include-frozen` overrides it.
    package var frozen = false

    /// What the judge checks in each image (`checks:`), the judge's model, and the alt text (`alt:`).
    package var checks: ImageChecks?
    package var judgeModel = ChecksDefaults.defaultModel
    package var alt: AltTextSpec?

    /// The most variants one asset may ask for: each is a paid call.
    package static let maxVariants = 8
    /// Files made from the generated image: a catalog set's images first, then the manifest's `renditions:`.
    package var renditions: [RenditionSpec] = []
    /// Set when the output is an asset-catalog set (or an appearance of one).
    package var catalog: CatalogMembership?
    /// The edit turns after the prompt, in order; the output is the last turn's image.
    package var edits: [ResolvedEdit] = []
    /// The row, shared: assets are copied from stage to stage, a model row a score of fields.
    private var modelRow: ModelRow?

    package init(
        id: String, output: String, prompt: String, references: [ResolvedReference], config: GenerationConfig,
        model: ImageModel?,
        pixelSize: PixelSize?, location: SourceLocation
    ) {
        self.id = id
        self.output = output
        self.prompt = prompt
        self.references = references
        self.config = config
        self.modelRow = model.map(ModelRow.init)
        self.pixelSize = pixelSize
        self.location = location
    }

    package var modelID: String { config.model ?? ModelCatalog.defaultModelID }

    /// The format the output's extension names (validated: png, jpg/jpeg or webp).
    package var outputFormat: ImageFormat { ImageFormat(fileExtension: ProjectPath.fileExtension(output)) ?? .png }

    /// Ids of the assets this one reads, in reference order (its own references, then its edits').
    package var dependencies: [String] {
        let own = references.compactMap { if case .asset(let id) = $0 { id } else { nil } }
        guard !edits.isEmpty else { return own }
        var seen = Set(own)
        return own + edits.flatMap(\.assetReferences).filter { seen.insert($0).inserted }
    }

    /// The list price of one image, or nil when the model or its price is unknown.
    package var estimatedCost: Double? { model?.imagePrice(imageSize: config.imageSize) }

    /// The list price of one image through the Batch API, or nil when the model is unknown.
    package var estimatedBatchCost: Double? { model?.batchImagePrice(imageSize: config.imageSize) }
}

/// An immutable `ImageModel` behind a reference, compared by value.
private final class ModelRow: Sendable, Hashable {
    let model: ImageModel

    init(_ model: ImageModel) { self.model = model }

    static func == (lhs: ModelRow, rhs: ModelRow) -> Bool { lhs === rhs || lhs.model == rhs.model }
    func hash(into hasher: inout Hasher) { hasher.combine(model) }
}

/// The validated project: assets in dependency order, ready to fingerprint.
package struct ResolvedProject: Sendable {
    /// Canonical absolute path of the manifest's folder; every other path is relative to it.
    package var root: String
    package var manifestPath: String
    package var lockPath: String
    package var provider: String?
    package var api: APISettings
    /// The manifest's `git:` settings.
    package var git = GitSettings()
    /// The models this project can use: built-in rows and its `models:` declarations.
    package var catalog: ModelCatalog
    /// Upstream before downstream.
    package var assets: [ResolvedAsset]
    package var warnings: [Diagnostic]
    /// What validation's `stat` of each output found, by output path: planning starts from it.
    package var outputReadings: [String: FileReading] = [:]
    /// `alt_text_file:`, normalized: a JSON map of output path to alt text, written with the images.
    package var altTextFile: String?

    package func asset(_ id: String) -> ResolvedAsset? { assets.first { $0.id == id } }

    /// The given ids plus everything they depend on, in dependency order.
    package func closure(of ids: [String]) -> [ResolvedAsset] {
        var wanted = Set(ids)
        // A set's appearances come with it.
        wanted.formUnion(assets.filter { $0.catalog.map { wanted.contains($0.primary) } ?? false }.map(\.id))
        for asset in assets.reversed() where wanted.contains(asset.id) { wanted.formUnion(asset.dependencies) }
        return assets.filter { wanted.contains($0.id) }
    }
}

/// How a prompt and its styles become the text the model sees: the prompt, then each style in order,
/// separated by a blank line. Line endings are normalized to `\n` and the whole text to Unicode NFC.
package enum PromptComposer {
    package static func compose(prompt: String, styles: [String]) -> String {
        let text = styles.isEmpty ? normalized(prompt) : ([prompt] + styles).map(normalized).joined(separator: "\n\n")
        // ASCII text is already NFC; only the rest pays for normalization.
        return text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// One part with `\r\n` made `\n` and surrounding white space trimmed.
    static func normalized(_ part: String) -> String {
        trimmed(
            part.utf8.contains(13) && part.contains("\r\n") ? part.replacingOccurrences(of: "\r\n", with: "\n") : part)
    }

    static func trimmed(_ text: String) -> String {
        // Printable ASCII at both ends cannot be (or begin or end a character that is) white space.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x7F).contains(first),
            (0x21..<0x7F).contains(last)
        {
            return text
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == text.startIndex, text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }
}
