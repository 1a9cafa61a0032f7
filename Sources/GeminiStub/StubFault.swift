import Foundation

/// Something the stub does instead of (or before) a normal answer, scripted per request.
package enum StubFault: Sendable, Hashable {
    /// 429 RESOURCE_EXHAUSTED with a `RetryInfo.retryDelay` such as "1s".
    case rateLimited(retryDelay: String)
    /// 429 RESOURCE_EXHAUSTED whose `QuotaFailure` names a per-day quota: retrying cannot help today.
    case dailyQuota
    /// The status with a `Retry-After` header in seconds.
    case retryAfter(status: Int, seconds: Int)
    /// An error envelope with this status (500 INTERNAL, 503 UNAVAILABLE, …).
    case status(Int)
    /// Waits, then answers normally.
    case delay(TimeInterval)
    /// Closes the connection without answering.
    case dropConnection
    /// Sends the head and half the body, then closes.
    case truncatedBody
    /// A proxy's HTML error page with this status.
    case htmlBody(Int)
    /// 200 whose image data is not base64.
    case badBase64
    /// 200 whose image data decodes to text, not an image.
    case nonImageBytes
    /// 200 with `promptFeedback.blockReason`.
    case blockPrompt(String)
    /// 200 with a candidate whose finish reason is this (IMAGE_SAFETY, NO_IMAGE, …) and text only.
    case finishReason(String)
    /// 200 with text and no image, finish reason STOP.
    case noImage
    /// 200 with bytes that start like a JPEG but hold no pixels (labelled `image/jpeg`): sniffable, not decodable.
    case jpeg
    /// 200 with a real, decodable image in this format (and label) instead of PNG.
    case answerFormat(AnswerFormat)
    /// A careless proxy: 400 whose message quotes the request's key.
    case echoKey
    /// 307 to the same path on `localhost`: this stub under another host name, so a client that followed it
    /// would be seen sending the request (and its key) to a host other than the base URL's.
    case redirect

    /// Meaningful inside a batch: an error object or a different answer for one request. Transport faults
    /// (drops, truncation, delays, HTML pages, echoed keys) only happen to synchronous calls.
    package var appliesToBatchLines: Bool {
        switch self {
        case .delay, .dropConnection, .truncatedBody, .htmlBody, .echoKey, .redirect: false
        default: true
        }
    }

    /// Parses the command-line form: `429:1s`, `daily-quota`, `retry-after:503:2`, `500`, `delay:3`, `drop`, `truncate`,
    /// `html:502`, `bad-base64`, `non-image`, `block:SAFETY`, `finish:IMAGE_SAFETY`, `no-image`, `jpeg`, `echo-key`, `redirect`, `format:jpeg-as-png` (or `format:jpeg`, `format:webp`, `format:png`).
    package init?(spec: String) {
        let parts = spec.split(separator: ":").map(String.init)
        switch parts.first {
        case "429": self = .rateLimited(retryDelay: parts.count > 1 ? parts[1] : "1s")
        case "daily-quota": self = .dailyQuota
        case "retry-after":
            guard parts.count == 3, let s = Int(parts[1]), let t = Int(parts[2]) else { return nil }
            self = .retryAfter(status: s, seconds: t)
        case "delay":
            guard parts.count == 2, let t = Double(parts[1]) else { return nil }
            self = .delay(t)
        case "drop": self = .dropConnection
        case "truncate": self = .truncatedBody
        case "html": self = .htmlBody(parts.count > 1 ? Int(parts[1]) ?? 502 : 502)
        case "bad-base64": self = .badBase64
        case "non-image": self = .nonImageBytes
        case "block": self = .blockPrompt(parts.count > 1 ? parts[1] : "SAFETY")
        case "finish": self = .finishReason(parts.count > 1 ? parts[1] : "IMAGE_SAFETY")
        case "no-image": self = .noImage
        case "jpeg": self = .jpeg
        case "echo-key": self = .echoKey
        case "redirect": self = .redirect
        case "format":
            guard parts.count == 2, let format = AnswerFormat(rawValue: parts[1]) else { return nil }
            self = .answerFormat(format)
        case let code?:
            guard let status = Int(code) else { return nil }
            self = .status(status)
        case nil: return nil
        }
    }
}

/// A fault waiting for matching requests.
struct ScriptedFault {
    var fault: StubFault
    var remaining: Int
    /// Applies only to requests whose prompt contains this text.
    var matching: String?
}
