import AssetManifest
import AssetSupport
import Foundation

/// What a judge is asked about one image: the asset's checks, and alt text when it is wanted.
package struct JudgeRequest: Sendable {
    package var assetID: String
    package var image: Data
    package var format: ImageFormat
    package var checks: ImageChecks?
    /// Ask for alt text of at most this many characters; nil for none.
    package var altMaxCharacters: Int?
    package var model: JudgeModel

    package init(
        assetID: String, image: Data, format: ImageFormat, checks: ImageChecks?, altMaxCharacters: Int?,
        model: JudgeModel
    ) {
        self.assetID = assetID
        self.image = image
        self.format = format
        self.checks = checks
        self.altMaxCharacters = altMaxCharacters
        self.model = model
    }
}

/// One question's answer.
package struct JudgeAnswerItem: Sendable, Hashable, Codable {
    package var question: String
    package var yes: Bool
    package var reason: String

    package init(question: String, yes: Bool, reason: String) {
        self.question = question
        self.yes = yes
        self.reason = reason
    }
}

/// What the judge answered for one image.
package struct JudgeAnswer: Sendable {
    /// Every legible piece of text it read.
    package var textFound: String
    /// One answer per asked question, in the order asked.
    package var answers: [JudgeAnswerItem]
    package var altText: String?
    package var usage: TokenUsage?
    package var costUSD: Double?
    package var modelVersion: String?
    package var attempts: Int

    package init(
        textFound: String, answers: [JudgeAnswerItem], altText: String?, usage: TokenUsage? = nil,
        costUSD: Double? = nil, modelVersion: String? = nil, attempts: Int = 1
    ) {
        self.textFound = textFound
        self.answers = answers
        self.altText = altText
        self.usage = usage
        self.costUSD = costUSD
        self.modelVersion = modelVersion
        self.attempts = attempts
    }
}

/// A provider that can also look at images and answer about them (the Gemini client; not the placeholder).
package protocol ImageJudge: Sendable {
    func judge(_ request: JudgeRequest) async throws -> JudgeAnswer
}
