import AssetSupport
import Foundation

/// One check's outcome on one image: `text`, `no_other_text`, or an `expect` question.
package struct CheckResult: Sendable, Hashable, Codable {
    package var check: String
    package var passed: Bool
    package var reason: String

    package init(check: String, passed: Bool, reason: String) {
        self.check = check
        self.passed = passed
        self.reason = reason
    }
}

/// A judge's verdict on one image, as the lock entry and the note record it.
package struct CheckVerdict: Sendable, Hashable, Codable {
    /// The variant judged (1 for the first image of these inputs).
    package var variant: Int?
    package var passed: Bool
    package var results: [CheckResult]

    package init(variant: Int?, passed: Bool, results: [CheckResult]) {
        self.variant = variant
        self.passed = passed
        self.results = results
    }

    /// The failing results first, then the passing ones (each group in the manifest's order).
    package var failingFirst: [CheckResult] { results.filter { !$0.passed } + results.filter(\.passed) }
}

/// What the lock records about an output's checks: the key they were judged under, the verdict of the image
/// written, and every attempt's verdict when more than one image was made.
package struct CheckRecord: Sendable, Hashable, Codable {
    /// SHA-256 of the judge model and the checks: another key means the checks changed and the image is judged again.
    package var key: ContentHash
    package var model: String
    package var verdict: CheckVerdict
    package var attempts: [CheckVerdict]?
    /// Written although a check failed, because it was picked by hand (`pick`) or the asset is frozen.
    package var accepted: Bool?

    package init(
        key: ContentHash, model: String, verdict: CheckVerdict, attempts: [CheckVerdict]? = nil, accepted: Bool? = nil
    ) {
        self.key = key
        self.model = model
        self.verdict = verdict
        self.attempts = attempts
        self.accepted = accepted
    }
}
