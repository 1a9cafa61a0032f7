import Foundation

extension GeminiStub {
    /// The error answer a fault stands for (429, 5xx, a proxy's HTML page); nil for faults that shape a 200.
    func faultError(_ fault: StubFault) -> StubAnswer? {
        if case .htmlBody(let code) = fault {
            return StubAnswer(
                status: code, headers: ["Content-Type": "text/html"], body: StubResponses.htmlPage(code), fault: fault)
        }
        guard let refusal = Self.faultRefusal(fault) else { return nil }
        var answer = StubAnswer.error(refusal)
        if case .retryAfter(_, let seconds) = fault { answer.headers["Retry-After"] = String(seconds) }
        answer.fault = fault
        return answer
    }

    /// The service error a fault stands for; nil for faults that are not an error envelope.
    static func faultRefusal(_ fault: StubFault) -> StubRefusal? {
        switch fault {
        case .rateLimited(let delay):
            return StubRefusal(
                429, "You exceeded your current quota, please check your plan and billing details.",
                details: [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay]])
        case .dailyQuota:
            return StubRefusal(
                429, "You exceeded your current quota, please check your plan and billing details.",
                details: [
                    [
                        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                        "violations": [
                            [
                                "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                "quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                            ]
                        ],
                    ],
                    ["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1s"],
                ])
        case .retryAfter(let status, _):
            return StubRefusal(
                status, status == 503 ? "The model is overloaded. Please try again later." : "Try again later.")
        case .status(let code):
            return StubRefusal(
                code,
                code == 503 ? "The model is overloaded. Please try again later." : "An internal error has occurred.")
        default:
            return nil
        }
    }

    /// `finishMessage`s as the service words them, where known.
    static let finishMessages = ["MISSING_THOUGHT_SIGNATURE": "Request has at least one thought signature missing"]

    /// The 200 body a fault stands for instead of an image (blocks, imageless answers); nil for other faults.
    static func faultResponse(_ fault: StubFault) -> [String: Any]? {
        switch fault {
        case .blockPrompt(let reason):
            return [
                "promptFeedback": ["blockReason": reason],
                "usageMetadata": ["promptTokenCount": 12, "totalTokenCount": 12], "modelVersion": "stub",
            ]
        case .finishReason(let reason):
            return [
                "candidates": [
                    [
                        "content": ["role": "model", "parts": [["text": "I can't make that image."]]],
                        "finishReason": reason, "finishMessage": finishMessages[reason] ?? "Finished with \(reason).",
                        "index": 0,
                    ]
                ]
            ]
        case .noImage:
            return [
                "candidates": [
                    [
                        "content": [
                            "role": "model", "parts": [["text": "Here is a description instead of a picture."]],
                        ], "finishReason": "STOP", "index": 0,
                    ]
                ]
            ]
        default:
            return nil
        }
    }
}
