import AssetSupport

/// The image models of the Gemini API this release knows: from the seed guides, Google's pricing and
/// deprecations pages, late 2026 (see the shared API notes). Prices are USD.
enum BuiltInModels {
    static let tenRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
    static let fourteenRatios = tenRatios + ["1:4", "4:1", "1:8", "8:1"]

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

    /// The 3.1 Flash table's columns for the named sizes (512, 1K, 2K, 4K are columns 0 to 3).
    static func sizes(_ names: [String], ratios: [String]) -> [String: [String: PixelSize]] {
        let columns = ["512": 0, "1K": 1, "2K": 2, "4K": 3]
        var result: [String: [String: PixelSize]] = [:]
        for name in names {
            guard let column = columns[name] else { continue }
            for (ratio, row) in flash31Table where ratios.contains(ratio) {
                result[name, default: [:]][ratio] = PixelSize(width: row[column].0, height: row[column].1)
            }
        }
        return result
    }

    static let rows: [ImageModel] = [
        ImageModel(
            id: "gemini-3.1-flash-image",
            aspectRatios: fourteenRatios, imageSizes: ["512", "1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["minimal", "high"], supportsImageSearch: true,
            imageTokens: ["512": 747, "1K": 1120, "2K": 1680, "4K": 2520],
            tokenPrices: TokenPrices(input: 0.5, textOutput: 3, imageOutput: 60),
            pricePerImage: flash31Prices, batchPricePerImage: flash31Prices.halved,
            pixelSizes: sizes(["512", "1K", "2K", "4K"], ratios: fourteenRatios),
            // Deprecated in the Gemini API changelog; the shutdown date comes from LiteLLM, not from Google.
            retirement: Retirement(
                deprecatedOn: "2026-10-06", shutdownOn: "2026-10-29", shutdownConfirmed: false,
                replacements: ["gemini-nano-banana-2.1"]),
            answerTimeouts: ["512": 180, "1K": 180, "2K": 240, "4K": 360, "*": 360]
        ),
        // Nano Banana 2.1, GA 2026-10-06. Image output $30 per million tokens (third-party price pages): 1120
        // tokens make $0.0336 at 1K. Its 2K and 4K token counts are not published; 3.1 Flash's are used.
        ImageModel(
            id: "gemini-nano-banana-2.1",
            aspectRatios: fourteenRatios, imageSizes: ["1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["minimal", "high"], supportsImageSearch: false,
            imageTokens: nanoBanana21Tokens,
            tokenPrices: TokenPrices(input: 0.5, textOutput: 3, imageOutput: 30),
            pricePerImage: nanoBanana21Prices, batchPricePerImage: nanoBanana21Prices.halved,
            pixelSizes: sizes(["1K", "2K", "4K"], ratios: fourteenRatios),
            answerTimeouts: ["1K": 180, "2K": 240, "4K": 360, "*": 360]
        ),
        ImageModel(
            id: "gemini-3.1-flash-lite-image",
            aspectRatios: fourteenRatios, imageSizes: ["1K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: ["minimal", "high"], supportsImageSearch: false,
            // Documented as not tuned for multi-turn editing: edits are allowed, with a warning.
            multiTurnCaveat: "not tuned for multi-turn edits",
            imageTokens: ["1K": 1120],
            // Only the per-image price is published for Flash-Lite, so its calls cost that.
            tokenPrices: nil,
            pricePerImage: ["1K": 0.0336], batchPricePerImage: ["1K": 0.0168],
            pixelSizes: sizes(["1K"], ratios: fourteenRatios),
            answerTimeouts: ["*": 180]
        ),
        ImageModel(
            id: "gemini-3-pro-image",
            aspectRatios: tenRatios, imageSizes: ["1K", "2K", "4K"], defaultImageSize: "1K",
            maxReferences: 14, thinkingLevels: [], supportsImageSearch: false,
            imageTokens: ["1K": 1120, "2K": 1120, "4K": 2000],
            tokenPrices: TokenPrices(input: 2, textOutput: 12, imageOutput: 120),
            pricePerImage: proPrices, batchPricePerImage: proPrices.halved,
            pixelSizes: sizes(["1K", "2K", "4K"], ratios: tenRatios),
            // 3 Pro at 4K is reported at 60-120 s and more.
            answerTimeouts: ["1K": 300, "2K": 360, "4K": 600, "*": 600]
        ),
        ImageModel(
            id: "gemini-2.5-flash-image",
            aspectRatios: tenRatios, imageSizes: [], defaultImageSize: nil,
            maxReferences: 3, referenceLimitIsAdvice: true, thinkingLevels: [], supportsImageSearch: false,
            imageTokens: ["": 1290],
            tokenPrices: TokenPrices(input: 0.3, textOutput: 2.5, imageOutput: 30),
            pricePerImage: flash25Prices, batchPricePerImage: flash25Prices.halved,
            pixelSizes: [
                "": Dictionary(
                    uniqueKeysWithValues: flash25Table.map { ($0.0, PixelSize(width: $0.1.0, height: $0.1.1)) })
            ],
            retirement: Retirement(
                shutdownOn: "2026-10-02", shutdownConfirmed: true,
                replacements: ["gemini-nano-banana-2.1", "gemini-3.1-flash-lite-image"]),
            answerTimeouts: ["*": 180]
        ),
    ]

    static let flash31Prices = ["512": 0.045, "1K": 0.067, "2K": 0.101, "4K": 0.151]
    static let proPrices = ["1K": 0.134, "2K": 0.134, "4K": 0.24]
    static let flash25Prices = ["": 0.039]
    static let nanoBanana21Tokens = ["1K": 1120, "2K": 1680, "4K": 2520]
    /// Tokens × $30 per million.
    static let nanoBanana21Prices = nanoBanana21Tokens.mapValues { Double($0) * 30 / 1_000_000 }

    /// Ids Google retired, mapped to their successors.
    static let renamed: [String: String] = [
        "gemini-3.1-flash-image-preview": "gemini-3.1-flash-image",
        "gemini-3-pro-image-preview": "gemini-3-pro-image",
        "gemini-2.5-flash-image-preview": "gemini-2.5-flash-image",
    ]
}
