import AssetSupport

/// USD per million tokens, for the actual cost of a call from its `usageMetadata`.
package struct TokenPrices: Sendable, Hashable {
    package var input: Double
    package var textOutput: Double
    package var imageOutput: Double

    package init(input: Double, textOutput: Double, imageOutput: Double) {
        self.input = input
        self.textOutput = textOutput
        self.imageOutput = imageOutput
    }
}

/// What one Gemini image model accepts and what it costs. Data, not code: add a model by adding a row
/// (built in, in `BuiltInModels`, or in a manifest's `models:` block).
package struct ImageModel: Sendable, Hashable {
    package var id: String
    package var aspectRatios: [String]
    /// Accepted `image_size` values; empty when the model has no size option.
    package var imageSizes: [String]
    package var defaultImageSize: String?
    package var maxReferences: Int
    /// True when `maxReferences` is advice ("works best with up to 3"): more is a warning, not an error.
    package var referenceLimitIsAdvice = false
    /// Accepted `thinking_level` values; empty when the level cannot be set.
    package var thinkingLevels: [String]
    package var supportsImageSearch: Bool
    /// True when the model takes a conversation (`edits:`): its earlier turns replayed with their thought signatures.
    package var supportsMultiTurn = false
    /// Why multi-turn edits may disappoint on this model, for a warning (Flash-Lite is not tuned for them).
    package var multiTurnCaveat: String?
    /// Output tokens one image costs, by image size ("" for models without sizes).
    package var imageTokens: [String: Int]
    /// Per-token prices for the cost from usage; nil when unknown, and then a call costs its per-image price.
    package var tokenPrices: TokenPrices?
    /// List price of one image in USD, by image size ("" for models without sizes): estimates, and calls without usage.
    package var pricePerImage: [String: Double]
    /// The same in the Batch API.
    package var batchPricePerImage: [String: Double]
    /// Output pixels by image size ("" for models without sizes), then aspect ratio.
    package var pixelSizes: [String: [String: PixelSize]]
    /// The shutdown date on Google's deprecations page (YYYY-MM-DD). Rows carry one only once it has
    /// passed; such a model stays usable, since proxies may still serve it.
    package var shutdownDate: String?
    /// The models to use instead, for models with a shutdown date.
    package var successors: [String] = []
    /// Where the manifest's `models:` block declares this model; nil for a built-in row as shipped.
    package var declaredAt: SourceLocation?

    /// The exact pixel size the service returns for this ratio and size.
    package func pixelSize(aspectRatio: String, imageSize: String?) -> PixelSize? {
        pixelSizes[imageSize ?? ""]?[aspectRatio]
    }

    /// The list price of one image at this size, or nil when it is unknown.
    package func imagePrice(imageSize: String?) -> Double? {
        pricePerImage[imageSize ?? ""]
    }

    /// The Batch API price of one image at this size, or nil when it is unknown.
    package func batchImagePrice(imageSize: String?) -> Double? {
        batchPricePerImage[imageSize ?? ""]
    }

    /// "gemini-2.5-flash-image is past its shutdown date (2026-10-02)", or nil for a current model.
    package var shutdownNotice: String? {
        shutdownDate.map { "\(id) is past its shutdown date (\($0))" }
    }

    /// "use gemini-3.1-flash-image or gemini-3.1-flash-lite-image", or nil when no successor is known.
    package var successorAdvice: String? {
        successors.isEmpty ? nil : "use " + successors.joined(separator: " or ")
    }
}

extension Dictionary where Key == String, Value == Double {
    /// Every price halved: the Batch API's discount.
    var halved: [String: Double] { mapValues { $0 / 2 } }
}
