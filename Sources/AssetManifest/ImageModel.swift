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
    /// Google's deprecation of the model, its shutdown and its replacement; nil for a current model.
    package var retirement: Retirement?
    /// True when the model keeps a character or a scene across the turns of an edit (a conversation).
    package var supportsMultiTurn = true
    /// Seconds to wait for one answer, by image size ("" for models without sizes, "*" for any size not
    /// listed): several times the reported generation times, since a call cut off may still be billed.
    package var answerTimeouts: [String: Double] = [:]
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

    /// The shutdown date Google confirmed (YYYY-MM-DD): rows carry one only once it has passed; such a model
    /// stays usable, since proxies may still serve it.
    package var shutdownDate: String? {
        retirement.flatMap { $0.shutdownConfirmed ? $0.shutdownOn : nil }
    }

    /// The models to use instead, the recommended one first.
    package var successors: [String] { retirement?.replacements ?? [] }

    /// "gemini-2.5-flash-image is past its shutdown date (2026-10-02)", or nil for a model Google still serves.
    package var shutdownNotice: String? {
        shutdownDate.map { "\(id) is past its shutdown date (\($0))" }
    }

    /// "gemini-3.1-flash-image was deprecated on 2026-10-06; its shutdown is reported for 2026-10-29 (not
    /// confirmed by Google)", or nil for a model that is not deprecated or is already past its shutdown.
    package var deprecationNotice: String? {
        guard let retirement, shutdownDate == nil, let since = retirement.deprecatedOn else { return nil }
        let shutdown = retirement.shutdownOn.map {
            "; its shutdown is reported for \($0)\(retirement.shutdownConfirmed ? "" : " (not confirmed by Google)")"
        }
        return "\(id) was deprecated on \(since)\(shutdown ?? "")"
    }

    /// "use gemini-3.1-flash-image or gemini-3.1-flash-lite-image", or nil when no successor is known.
    package var successorAdvice: String? {
        successors.isEmpty ? nil : "use " + successors.joined(separator: " or ")
    }
}

/// Google's retirement of a model, one cell of the table: when it was deprecated, when it shuts down
/// (confirmed by Google, or reported by others), and what replaces it.
package struct Retirement: Sendable, Hashable {
    /// YYYY-MM-DD; nil when only the shutdown was announced.
    package var deprecatedOn: String?
    /// YYYY-MM-DD; nil when none is announced.
    package var shutdownOn: String?
    /// False when only third parties report the shutdown date.
    package var shutdownConfirmed: Bool
    /// The models to use instead, the recommended one first.
    package var replacements: [String]

    package init(deprecatedOn: String? = nil, shutdownOn: String?, shutdownConfirmed: Bool, replacements: [String]) {
        self.deprecatedOn = deprecatedOn
        self.shutdownOn = shutdownOn
        self.shutdownConfirmed = shutdownConfirmed
        self.replacements = replacements
    }

    /// True when the shutdown date, confirmed or reported, is before `today` (YYYY-MM-DD).
    package func isPastShutdown(today: String) -> Bool {
        shutdownOn.map { $0 < today } ?? false
    }
}

extension Dictionary where Key == String, Value == Double {
    /// Every price halved: the Batch API's discount.
    var halved: [String: Double] { mapValues { $0 / 2 } }
}
