import Foundation

/// A candidate's `finishReason`, as data: Google adds values without notice (`MISSING_THOUGHT_SIGNATURE` and
/// `ESCALATION` in 2026, `TOO_MANY_TOOL_CALLS` in August), so a value this release does not know fails that
/// one asset with the value and the service's `finishMessage`, and is never a decoding error.
enum FinishReason {
    /// Values that end a normal answer: the image, if any, is used.
    static let normal: Set = ["STOP", "FINISH_REASON_UNSPECIFIED", "MAX_TOKENS"]

    /// What each known failure means, and what to do about it.
    static let known: [String: (meaning: String, fix: String)] = [
        "MISSING_THOUGHT_SIGNATURE": (
            "the conversation history sent was damaged: a thought signature of an earlier model turn is missing",
            "send every earlier model turn back exactly as it was answered, thought signatures included"
        ),
        "ESCALATION": (
            "the service escalated the request for review and answered no image", "reword the prompt"
        ),
        "TOO_MANY_TOOL_CALLS": (
            "the model made too many tool calls (Google Search) before answering",
            "turn off google_search or image_search for this asset, or simplify the prompt"
        ),
    ]

    /// The value as text, whatever JSON type it came in (a number from a proxy, say); nil when absent.
    static func read(_ value: Any?) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let text as String: return text
        case let other?: return "\(other)"
        }
    }

    /// The failure for a finish reason that is neither normal nor a block; nil for a normal one.
    static func failure(_ value: String, message: String?, said: String, attempts: Int) -> ProviderError? {
        guard !normal.contains(value) else { return nil }
        let detail = message.map { ": \($0.prefix(300))" } ?? ""
        if let known = known[value] {
            return ProviderError(
                .rejected, "no image: finish reason \(value) (\(known.meaning))\(detail)\(said)", fix: known.fix,
                httpStatus: 200, attempts: attempts)
        }
        return ProviderError(
            .rejected,
            "no image: the service ended the answer with finish reason \(value), which this release does not know\(detail)\(said)",
            fix: "run again later; if it persists, look the value up in Google's FinishReason reference and report it",
            httpStatus: 200, attempts: attempts)
    }
}
