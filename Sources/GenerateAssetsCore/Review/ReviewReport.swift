import AssetFingerprint
import AssetSupport
import Foundation

/// What `report` shows (its `--json`): every asset that changed since a commit, failed in the last run or
/// is stale now, with its images, prompt, reasons, model, size, cost and variants.
public struct ReviewReport: Sendable, Codable {
    /// The page written, `…/index.html`.
    public var page: String
    public var project: String
    public var since: ReviewBaseline
    public var writtenAt: String
    /// The last `generate` run, when the cache remembers it.
    public var lastRun: ReviewRun?
    public var assets: [ReviewAsset]
    /// Ids of the assets not shown: unchanged, fresh and not failed.
    public var unchanged: [String]

    enum CodingKeys: String, CodingKey {
        case page, project, since, assets, unchanged
        case writtenAt = "written_at"
        case lastRun = "last_run"
    }

    public func count(_ status: ReviewAsset.Status) -> Int { assets.filter { $0.status == status }.count }
}

/// The commit the page compares with, and why that one.
public struct ReviewBaseline: Sendable, Codable {
    /// The revision as given, or the commit's id.
    public var revision: String
    /// Nil outside git or before the first commit: every image is new.
    public var commit: String?
    public var summary: String?
    public var reason: String
}

/// The last `generate` run, in short.
public struct ReviewRun: Sendable, Codable {
    public var finishedAt: String
    public var costUSD: Double
    public var providerCalls: Int

    enum CodingKeys: String, CodingKey {
        case finishedAt = "finished_at"
        case costUSD = "cost_usd"
        case providerCalls = "provider_calls"
    }
}

/// An image copied beside the page.
public struct ReviewImage: Sendable, Codable, Equatable {
    /// Relative to the page: `images/<sha256>.<ext>`.
    public var src: String
    public var sha256: ContentHash
    public var width: Int?
    public var height: Int?
    public var bytes: Int
}

/// One variant of an asset's current inputs.
public struct ReviewVariant: Sendable, Codable {
    public var number: Int
    public var image: ReviewImage
    public var picked: Bool
    public var costUSD: Double?

    enum CodingKeys: String, CodingKey {
        case number, image, picked
        case costUSD = "cost_usd"
    }
}

/// One piece of a prompt diff.
public struct DiffPiece: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case same, removed, added }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// One asset on the page.
public struct ReviewAsset: Sendable, Codable {
    /// `new` and `changed`: its image differs from the one at the baseline; `variants`: the last run made
    /// more variants but kept the output; `failed` in the last run; `kept`: stale but frozen; `stale`: not generated yet.
    public enum Status: String, Sendable, Codable { case new, changed, variants, failed, kept, stale }

    public var id: String
    public var output: String
    public var status: Status
    /// The image at the baseline (for `changed`).
    public var before: ReviewImage?
    /// The image in the work tree now.
    public var after: ReviewImage?
    /// The prompt that made `after`, or for a stale asset the manifest's prompt.
    public var prompt: String
    /// The prompt it is compared with, when different: the baseline's, or for a stale asset the one that made its image.
    public var promptBefore: String?
    public var promptDiff: [DiffPiece]
    public var reasons: [StaleReason]
    public var model: String
    public var imageSize: String?
    public var aspectRatio: String?
    public var costUSD: Double?
    public var placeholder: Bool
    public var frozen: Bool
    public var error: AssetFailure?
    /// Every cached variant, when there is more than one.
    public var variants: [ReviewVariant]
    public var picked: Int?

    enum CodingKeys: String, CodingKey {
        case id, output, status, before, after, prompt, reasons, model, placeholder, frozen, error, variants, picked
        case promptBefore = "prompt_before"
        case promptDiff = "prompt_diff"
        case imageSize = "image_size"
        case aspectRatio = "aspect_ratio"
        case costUSD = "cost_usd"
    }
}
