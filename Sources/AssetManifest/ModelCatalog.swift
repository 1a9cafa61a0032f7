import AssetSupport

/// What one Gemini image model accepts and what it costs. Data, not code: add a model by adding a row.
public struct ImageModel: Sendable, Hashable {
    public let id: String
    public let aspectRatios: [String]
    /// Accepted `image_size` values; empty when the model has no size option.
    public let imageSizes: [String]
    public let defaultImageSize: String?
    public let maxReferences: Int
    /// Accepted `thinking_level` values; empty when the level cannot be set.
    public let thinkingLevels: [String]
    public let supportsImageSearch: Bool
    /// Output tokens one image costs, by image size ("" for models without sizes).
    public let imageTokens: [String: Int]
    /// USD per million tokens.
    public let imageOutputPrice: Double
    public let textOutputPrice: Double
    public let inputPrice: Double
    /// Output pixels by image size ("" for models without sizes), then aspect ratio.
    public let pixelSizes: [String: [String: PixelSize]]

    /// The exact pixel size the service returns for this ratio and size.
    public func pixelSize(aspectRatio: String, imageSize: String?) -> PixelSize? {
        pixelSizes[imageSize ?? ""]?[aspectRatio]
    }

    /// The list price of one image at this size, before input and thinking tokens.
    public func imagePrice(imageSize: String?) -> Double {
        Double(imageTokens[imageSize ?? ""] ?? 0) * imageOutputPrice / 1_000_000
    }
}

/// The answer to "which model is this id?".
public enum ModelLookup: Sendable {
    case known(ImageModel)
    /// A retired id that now maps to a successor, with a warning.
    case renamed(from: String, to: ImageModel)
    /// A model that no longer exists on the Gemini API.
    case shutDown(String)
    /// A model this version does not know: accepted without validation.
    case unknown(String)
}

/// The image models of the Gemini API (from the seed guides and Google's pricing page, late 2026).
public enum ModelCatalog {
    public static let defaultModelID = "gemini-3.1-flash-image"

    static let tenRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]

    /// gemini-3.1-flash-image: ratio → sizes at 512, 1K, 2K, 4K (seed 004).
    static let flash31Table: [(String, [(Int, Int)])] = [
        ("1:1", [(512, 512), (1024, 1024), (2048, 2048), (4096, 4096)]),
        ("1:4", [(256, 1024), (512, 2048), (1024, 4096), (2048, 8192)]),
        ("1:8", [(192, 1536), (384, 3072), (768, 6144), (1536, 12288)]),
        ("2:3", [(424, 632), (848, 1264), (1696, 2528), (3392, 5056)]),
        ("3:2", [(632, 424), (1264, 848), (2528, 1696), (5056, 3392)]),
        ("3:4", [(448, 600), (896, 1200), (1792, 2400), (3584, 4800)]),
        ("4:1", [(1024, 256), (2048, 512), (4096, 1024), (8192, 2048)]),
        ("4:3", [(600, 448), (1200, 896), (2400, 1792), (4800, 3584)]),
        ("4:5", [(464, 576), (928, 1152), (1856, 2304), (3712, 4608)]),
        ("5:4", [(576, 464), (1152, 928), (2304, 1856), (4608, 3712)]),
        ("8:1", [(1536, 192), (3072, 384), (6144, 768), (12288, 1536)]),
        ("9:16", [(384, 688), (768, 1376), (1536, 2752), (3072, 5504)]),
        ("16:9", [(688, 384), (1376, 768), (2752, 1536), (5504, 3072)]),
        ("21:9", [(792, 168), (1584, 672), (3168, 1344), (6336, 2688)]),
    ]

    /// gemini-2.5-flash-image: one size per ratio.
    static let flash25Table: [(String, (Int, Int))] = [
        ("1:1", (1024, 1024)), ("2:3", (832, 1248)), ("3:2", (1248, 832)), ("3:4", (864, 1184)), ("4:3", (1184, 864)),
        ("4:5", (896, 1152)), ("5:4", (1152, 896)), ("9:16", (768, 1344)), ("16:9", (1344, 768)), ("21:9", (1536, 672)),
    ]

    static func sizes(_ names: [String], columns: [Int], ratios: [String]) -> [String: [String: PixelSize]] {
        var result: [String: [String: PixelSize]] = [:]
        for (name, column) in zip(names, columns) {
            for (ratio, row) in flash31Table where ratios.contains(ratio) {
                result[name, default: [:]][ratio] = PixelSize(width: row[column].0, height: row[column].1)
            }
        }
        return result
    }

    public static let models: [ImageModel] = [
        ImageModel(
            id: "gemini-3.1-flash-image",
            aspectRatios: tenRatios + ["1:4", "4:1", "1:8", "8:1"],
            imageSizes: ["512", "1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["minimal", "high"], supportsImageSearch: true,
            imageTokens: ["512": 747, "1K": 1120, "2K": 1680, "4K": 2520],
            imageOutputPrice: 60, textOutputPrice: 3, inputPrice: 0.5,
            pixelSizes: sizes(["512", "1K", "2K", "4K"], columns: [0, 1, 2, 3], ratios: tenRatios + ["1:4", "4:1", "1:8", "8:1"])
        ),
        ImageModel(
            id: "gemini-3-pro-image",
            aspectRatios: tenRatios,
            imageSizes: ["1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: [], supportsImageSearch: false,
            imageTokens: ["1K": 1120, "2K": 1120, "4K": 2000],
            imageOutputPrice: 120, textOutputPrice: 12, inputPrice: 2,
            pixelSizes: sizes(["1K", "2K", "4K"], columns: [1, 2, 3], ratios: tenRatios)
        ),
        ImageModel(
            id: "gemini-2.5-flash-image",
            aspectRatios: tenRatios,
            imageSizes: [], defaultImageSize: nil,
            maxReferences: 3, thinkingLevels: [], supportsImageSearch: false,
            imageTokens: ["": 1290],
            imageOutputPrice: 30, textOutputPrice: 2.5, inputPrice: 0.3,
            pixelSizes: ["": Dictionary(uniqueKeysWithValues: flash25Table.map { ($0.0, PixelSize(width: $0.1.0, height: $0.1.1)) })]
        ),
    ]

    /// Ids Google retired, mapped to their successors.
    public static let renamed: [String: String] = [
        "gemini-3.1-flash-image-preview": "gemini-3.1-flash-image",
        "gemini-3-pro-image-preview": "gemini-3-pro-image",
        "gemini-2.5-flash-image-preview": "gemini-2.5-flash-image",
    ]

    public static var knownIDs: [String] { models.map(\.id) }

    public static func lookup(_ id: String) -> ModelLookup {
        if let model = models.first(where: { $0.id == id }) { return .known(model) }
        if let successor = renamed[id], let model = models.first(where: { $0.id == successor }) {
            return .renamed(from: id, to: model)
        }
        if id.hasPrefix("imagen-") {
            return .shutDown("Imagen models were shut down on the Gemini API on 2026-08-17")
        }
        return .unknown(id)
    }
}
