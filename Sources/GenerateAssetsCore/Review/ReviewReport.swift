import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation

/// What `report` shows (its `--json`): every asset that changed since a commit, failed in the last run or
/// is stale now, with its images, prompt, reasons, model, size, cost and variants.
package struct ReviewReport: Sendable, Codable {
    /// The page written, `…/index.html`.
    package var page: String
    package var project: String
    package var since: ReviewBaseline
    package var writtenAt: String
    /// The last `generate` run, when the cache remembers it.
    package var lastRun: ReviewRun?
    package var assets: [ReviewAsset]
    /// Ids of the assets not shown: unchanged, fresh and not failed.
    package var unchanged: [String]

    enum CodingKeys: String, CodingKey {
        case page, project, since, assets, unchanged
        case writtenAt = "written_at"
        case lastRun = "last_run"
    }

    package func count(_ status: ReviewAsset.Status) -> Int { assets.filter { $0.status == status }.count }
}

/// The commit the page compares with, and why that one.
package struct ReviewBaseline: Sendable, Codable {
    /// The revision as given, or the commit's id.
    package var revision: String
    /// Nil outside git or before the first commit: every image is new.
    package var commit: String?
    package var summary: String?
    package var reason: String
}

/// The last `generate` run, in short.
package struct ReviewRun: Sendable, Codable {
    package var finishedAt: String
    package var costUSD: Double
    package var providerCalls: Int

    enum CodingKeys: String, CodingKey {
        case finishedAt = "finished_at"
        case costUSD = "cost_usd"
        case providerCalls = "provider_calls"
    }
}

/// An image copied beside the page.
package struct ReviewImage: Sendable, Codable, Equatable {
    /// Relative to the page: `images/<sha256>.<ext>`.
    package var src: String
    package var sha256: ContentHash
    package var width: Int?
    package var height: Int?
    package var bytes: Int
}

/// One variant of an asset's current inputs.
package struct ReviewVariant: Sendable, Codable {
    package var number: Int
    package var image: ReviewImage
    package var picked: Bool
    package var costUSD: Double?

    enum CodingKeys: String, CodingKey {
        case number, image, picked
        case costUSD = "cost_usd"
    }
}

/// One piece of a prompt diff.
package struct DiffPiece: Sendable, Codable, Equatable {
    package enum Kind: String, Sendable, Codable { case same, removed, added }
    package var kind: Kind
    package var text: String

    package init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// One asset on the page.
package struct ReviewAsset: Sendable, Codable {
    /// `new` and `changed`: its image differs from the one at the baseline; `variants`: unchanged, with
    /// several variants of its inputs to pick from (made in any run); `failed` in the last run; `kept`: stale but frozen; `stale`: not generated yet.
    package enum Status: String, Sendable, Codable { case new, changed, variants, failed, kept, stale }

    package var id: String
    package var output: String
    package var status: Status
    /// The image at the baseline (for `changed`).
    package var before: ReviewImage?
    /// The image in the work tree now.
    package var after: ReviewImage?
    /// The prompt that made `after`, or for a stale asset the manifest's prompt.
    package var prompt: String
    /// The prompt it is compared with, when different: the baseline's, or for a stale asset the one that made its image.
    package var promptBefore: String?
    package var promptDiff: [DiffPiece]
    package var reasons: [StaleReason]
    package var model: String
    package var imageSize: String?
    package var aspectRatio: String?
    package var costUSD: Double?
    package var placeholder: Bool
    package var frozen: Bool
    package var error: AssetFailure?
    /// Every variant of its inputs `pick` can write (cached, or kept in git), when there is more than one.
    package var variants: [ReviewVariant]
    package var picked: Int?
    /// The turns of the edit chain that made the image (turn 0 first), when it has edits.
    package var turns: [ReviewTurn] = []
    /// The judge's verdict on the output (`checks:`) and its alt text, as the lock records them.
    package var checks: CheckRecord? = nil
    package var alt: String? = nil
    /// A catalog set's generated image, which none of its files is.
    package var source: ReviewImage? = nil
    /// Every file made from the image (renditions, a set's images and `Contents.json`), with its path.
    package var files: [ReviewFile] = []

    enum CodingKeys: String, CodingKey {
        case id, output, status, before, after, prompt, reasons, model, placeholder, frozen, error, variants, picked
        case turns, checks, alt, source, files
        case promptBefore = "prompt_before"
        case promptDiff = "prompt_diff"
        case imageSize = "image_size"
        case aspectRatio = "aspect_ratio"
        case costUSD = "cost_usd"
    }
}
