import AssetSupport
import Foundation

/// An asset's `checks:`: what a judge model must see in each generated image before it is accepted.
package struct ImageChecks: Sendable, Hashable {
    /// Words that must be legible in the image (`text:`).
    package var text: String?
    /// No legible text other than `text` (`no_other_text: true`).
    package var noOtherText = false
    /// Questions that must be answered yes (`expect:`).
    package var expect: [String] = []
    /// How many images to make, at most, until one passes every check (`attempts:`).
    package var attempts = 1

    package init(text: String? = nil, noOtherText: Bool = false, expect: [String] = [], attempts: Int = 1) {
        self.text = text
        self.noOtherText = noOtherText
        self.expect = expect
        self.attempts = attempts
    }

    /// True when nothing is checked (only `attempts`, or nothing at all).
    package var isEmpty: Bool { text == nil && !noOtherText && expect.isEmpty }

    /// The checks as one canonical string: part of a verdict's cache key (attempts are not: they do not change a verdict).
    package var canonical: String {
        var lines = ["text=\(text ?? "")", "no_other_text=\(noOtherText)"]
        lines += expect.map { "expect=\($0)" }
        return lines.joined(separator: "\n")
    }

    /// The most attempts one asset may make: each is a paid image.
    package static let maxAttempts = 8
}

/// An asset's `alt:`: a description for screen readers, written by the judge (`auto`) or given as is.
package enum AltTextSpec: Sendable, Hashable {
    case auto(maxCharacters: Int)
    case literal(String)

    /// The default limit of `alt: auto` (WebAIM's common advice for alt text).
    package static let defaultMaxCharacters = 125
}

/// The top-level `checks:` block: defaults for every asset's checks.
package struct ChecksDefaults: Sendable, Hashable {
    /// The judge model (a Gemini text model that reads images).
    package var model = ChecksDefaults.defaultModel

    /// The judge used when `checks: {model:}` is not given; priced in `JudgeModels`.
    package static let defaultModel = "gemini-2.5-flash"

    package init() {}
}

/// A judge model's list prices, per token (data, not parsed from the id).
package struct JudgeModel: Sendable, Hashable {
    package var id: String
    package var inputUSDPerToken: Double
    package var outputUSDPerToken: Double

    /// The tokens of one image at the judge (gemini-api.md: 258 when both sides ≤ 384 px, else 258 per 768×768 tile).
    package static func imageTokens(_ size: PixelSize?) -> Int {
        guard let size, size.width > 384 || size.height > 384 else { return 258 }
        return 258 * ((size.width + 767) / 768) * ((size.height + 767) / 768)
    }

    /// The estimated price of judging one image: its tokens plus about 300 prompt tokens in, 400 tokens out.
    package func estimatedCost(imageSize: PixelSize?) -> Double {
        Double(Self.imageTokens(imageSize) + 300) * inputUSDPerToken + 400 * outputUSDPerToken
    }

    /// The price of one answered judge call from its usage.
    package func cost(promptTokens: Int, outputTokens: Int) -> Double {
        Double(promptTokens) * inputUSDPerToken + Double(outputTokens) * outputUSDPerToken
    }
}

/// The judge models this release knows the price of (Google's pricing page, standard tier, late 2026).
package enum JudgeModels {
    package static let all: [JudgeModel] = [
        // $0.30 per million input tokens (text, image), $2.50 per million output tokens (thinking included).
        JudgeModel(id: "gemini-2.5-flash", inputUSDPerToken: 0.30e-6, outputUSDPerToken: 2.50e-6),
        // $0.10 / $0.40 per million tokens.
        JudgeModel(id: "gemini-2.5-flash-lite", inputUSDPerToken: 0.10e-6, outputUSDPerToken: 0.40e-6),
    ]

    package static func named(_ id: String) -> JudgeModel? { all.first { $0.id == id } }
}

extension ResolvedAsset {
    /// The estimated price of judging one of its images (`checks:` or `alt: auto`), 0 when nothing is judged.
    package var estimatedJudgeCost: Double {
        var judged = checks != nil
        if case .auto? = alt { judged = true }
        guard judged, let model = JudgeModels.named(judgeModel) else { return 0 }
        return model.estimatedCost(imageSize: pixelSize)
    }
}
