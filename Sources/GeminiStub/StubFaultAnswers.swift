import Foundation

extension GeminiStub {
    /// The error answer a fault stands for (429, 5xx, a proxy's HTML page); nil for faults that shape a 200.
    func faultError(_ fault: StubFault) -> StubAnswer? {
        var answer: StubAnswer
        switch fault {
        case .rateLimited(let delay):
            answer = .error(429, "You exceeded your current quota, please check your plan and billing details.",
                            details: [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay]])
        case .retryAfter(let status, let seconds):
            answer = .error(status, status == 503 ? "The model is overloaded. Please try again later." : "Try again later.")
            answer.headers["Retry-After"] = String(seconds)
        case .status(let code):
            answer = .error(code, code == 503 ? "The model is overloaded. Please try again later." : "An internal error has occurred.")
        case .htmlBody(let code):
            answer = StubAnswer(status: code, headers: ["Content-Type": "text/html"], body: StubResponses.htmlPage(code))
        default:
            return nil
        }
        answer.fault = fault
        return answer
    }

    /// The 200 body a fault stands for instead of an image (blocks, imageless answers); nil for other faults.
    static func faultResponse(_ fault: StubFault) -> [String: Any]? {
        switch fault {
        case .blockPrompt(let reason):
            return ["promptFeedback": ["blockReason": reason], "usageMetadata": ["promptTokenCount": 12, "totalTokenCount": 12], "modelVersion": "stub"]
        case .finishReason(let reason):
            return ["candidates": [["content": ["role": "model", "parts": [["text": "I can't make that image."]]], "finishReason": reason, "index": 0]]]
        case .noImage:
            return ["candidates": [["content": ["role": "model", "parts": [["text": "Here is a description instead of a picture."]]], "finishReason": "STOP", "index": 0]]]
        default:
            return nil
        }
    }
}
