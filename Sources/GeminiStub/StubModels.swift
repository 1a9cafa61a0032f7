import AssetSupport

/// One image model as the stub serves it. Written from the seed guides' tables (seed 004) and the shared
/// notes, on purpose apart from the client's model table, so a mistake there shows up as a failing test.
package struct StubModel: Sendable {
    package let id: String
    package let aspectRatios: [String]
    /// `imageSize` values; empty when the model has no size option.
    package let imageSizes: [String]
    package let defaultImageSize: String?
    package let maxReferences: Int
    /// `thinkingLevel` wire values; empty when the level cannot be set.
    package let thinkingLevels: [String]
    /// Thinks on every call (thought parts and thought tokens in the answer).
    package let alwaysThinks: Bool
    /// Sends interim thought images before the final one.
    package let interimImages: Bool
    package let supportsImageSearch: Bool
    /// Output tokens per image by image size ("" for models without sizes).
    package let imageTokens: [String: Int]
    /// Pixels by image size ("" for models without sizes), then aspect ratio.
    package let pixelSizes: [String: [String: PixelSize]]
    /// Past its shutdown date on Google's deprecations page: served only by a proxy that still has it.
    package let shutDownOn: String?
    /// The name `models.list` shows.
    package var displayName = ""

    /// The exact pixel size answered for this ratio and size.
    package func pixelSize(aspectRatio: String, imageSize: String?) -> PixelSize? {
        pixelSizes[imageSize ?? ""]?[aspectRatio]
    }
}

/// The stub's model table: data, one row per model.
package enum StubModels {
    static let tenRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
    static let fourteenRatios = tenRatios + ["1:4", "4:1", "1:8", "8:1"]

    /// Seed 004, "3.1 Flash": ratio → width×height at 512, 1K, 2K, 4K. 3 Pro's 1K/2K/4K table has the same values.
    static let flashSizes: [String: [(Int, Int)]] = [
        "1:1": [(512, 512), (1024, 1024), (2048, 2048), (4096, 4096)],
        "1:4": [(256, 1024), (512, 2048), (1024, 4096), (2048, 8192)],
        "1:8": [(192, 1536), (384, 3072), (768, 6144), (1536, 12288)],
        "2:3": [(424, 632), (848, 1264), (1696, 2528), (3392, 5056)],
        "3:2": [(632, 424), (1264, 848), (2528, 1696), (5056, 3392)],
        "3:4": [(448, 600), (896, 1200), (1792, 2400), (3584, 4800)],
        "4:1": [(1024, 256), (2048, 512), (4096, 1024), (8192, 2048)],
        "4:3": [(600, 448), (1200, 896), (2400, 1792), (4800, 3584)],
        "4:5": [(464, 576), (928, 1152), (1856, 2304), (3712, 4608)],
        "5:4": [(576, 464), (1152, 928), (2304, 1856), (4608, 3712)],
        "8:1": [(1536, 192), (3072, 384), (6144, 768), (12288, 1536)],
        "9:16": [(384, 688), (768, 1376), (1536, 2752), (3072, 5504)],
        "16:9": [(688, 384), (1376, 768), (2752, 1536), (5504, 3072)],
        "21:9": [(792, 168), (1584, 672), (3168, 1344), (6336, 2688)],
    ]
    static let flashColumns = ["512", "1K", "2K", "4K"]

    /// Seed 004, "Gemini 2.5 Flash Image": one size per ratio.
    static let flash25Sizes: [String: (Int, Int)] = [
        "1:1": (1024, 1024), "2:3": (832, 1248), "3:2": (1248, 832), "3:4": (864, 1184), "4:3": (1184, 864),
        "4:5": (896, 1152), "5:4": (1152, 896), "9:16": (768, 1344), "16:9": (1344, 768), "21:9": (1536, 672),
    ]

    /// The flash table's columns `sizes` for `ratios`.
    static func flashTable(sizes: [String], ratios: [String]) -> [String: [String: PixelSize]] {
        var table: [String: [String: PixelSize]] = [:]
        for size in sizes {
            let column = flashColumns.firstIndex(of: size)!
            for ratio in ratios {
                let (width, height) = flashSizes[ratio]![column]
                table[size, default: [:]][ratio] = PixelSize(width: width, height: height)
            }
        }
        return table
    }

    package static let all: [StubModel] = [
        StubModel(
            id: "gemini-3.1-flash-image", aspectRatios: fourteenRatios, imageSizes: flashColumns,
            defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["MINIMAL", "HIGH"], alwaysThinks: false, interimImages: false,
            supportsImageSearch: true,
            imageTokens: ["512": 747, "1K": 1120, "2K": 1680, "4K": 2520],
            pixelSizes: flashTable(sizes: flashColumns, ratios: fourteenRatios), shutDownOn: nil),
        // Nano Banana 2.1 (GA 2026-10-06, Gemini API changelog): 3.1 Flash's ratios and 1K/2K/4K columns, no 512.
        StubModel(
            id: "gemini-nano-banana-2.1", aspectRatios: fourteenRatios, imageSizes: ["1K", "2K", "4K"],
            defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["MINIMAL", "HIGH"], alwaysThinks: false, interimImages: false,
            supportsImageSearch: false,
            imageTokens: ["1K": 1120, "2K": 1680, "4K": 2520],
            pixelSizes: flashTable(sizes: ["1K", "2K", "4K"], ratios: fourteenRatios), shutDownOn: nil,
            displayName: "Nano Banana 2.1"),
        StubModel(
            id: "gemini-3.1-flash-lite-image", aspectRatios: fourteenRatios, imageSizes: ["1K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["MINIMAL", "HIGH"], alwaysThinks: false, interimImages: false,
            supportsImageSearch: false,
            imageTokens: ["1K": 1120],
            pixelSizes: flashTable(sizes: ["1K"], ratios: fourteenRatios), shutDownOn: nil),
        StubModel(
            id: "gemini-3-pro-image", aspectRatios: tenRatios, imageSizes: ["1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: [], alwaysThinks: true, interimImages: true, supportsImageSearch: false,
            imageTokens: ["1K": 1120, "2K": 1120, "4K": 2000],
            pixelSizes: flashTable(sizes: ["1K", "2K", "4K"], ratios: tenRatios), shutDownOn: nil),
        // Seed 004: "works best with up to 3" input images, a recommendation rather than a limit; 14 like the others.
        StubModel(
            id: "gemini-2.5-flash-image", aspectRatios: tenRatios, imageSizes: [], defaultImageSize: nil,
            maxReferences: 14, thinkingLevels: [], alwaysThinks: false, interimImages: false,
            supportsImageSearch: false,
            imageTokens: ["": 1290],
            pixelSizes: ["": flash25Sizes.mapValues { PixelSize(width: $0.0, height: $0.1) }], shutDownOn: "2026-10-02"),
    ]

    /// Text models `models.list` shows beside the image models (they answer no image here).
    static let textModels = [
        ("gemini-2.5-flash", "Gemini 2.5 Flash"), ("gemini-2.5-pro", "Gemini 2.5 Pro"),
        ("gemini-3-flash", "Gemini 3 Flash"), ("gemini-embedding-001", "Gemini Embedding 001"),
    ]

    /// `models.list`'s entries: text models and the image models served, in the service's order (by name).
    package static func listed(servesRetired: Bool) -> [[String: Any]] {
        let image = all.filter { $0.shutDownOn == nil || servesRetired }.map { ($0.id, $0.displayName) }
        return (image + textModels).sorted { $0.0 < $1.0 }.map { id, name in
            let embedding = id.contains("embedding")
            return [
                "name": "models/\(id)", "baseModelId": id, "version": "001", "displayName": name.isEmpty ? id : name,
                "description": "\(name.isEmpty ? id : name), as the stub serves it.",
                "inputTokenLimit": embedding ? 2048 : 1_048_576, "outputTokenLimit": embedding ? 1 : 32_768,
                "supportedGenerationMethods": embedding
                    ? ["embedContent", "countTextTokens"] : ["generateContent", "countTokens", "batchGenerateContent"],
            ]
        }
    }

    /// The model the stub answers for `id`: nil for unknown and retired ids (the `-preview` ids, Imagen), and for
    /// models past their shutdown date unless the stub plays a proxy that still serves them.
    package static func served(_ id: String, servesRetired: Bool) -> StubModel? {
        guard let model = all.first(where: { $0.id == id }) else { return nil }
        return model.shutDownOn == nil || servesRetired ? model : nil
    }
}
