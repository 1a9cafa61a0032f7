import AssetManifest
import AssetSupport
import Foundation

/// Reads a 200 answer: the final image is the last non-thought image part; thought parts (interim images
/// included) are never the output. Blocks arrive as 200s too and become `.blocked` errors.
enum GeminiResponse {
    static let blockingFinishReasons: Set = [
        "SAFETY", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_OTHER", "NO_IMAGE", "IMAGE_RECITATION",
        "PROHIBITED_CONTENT", "RECITATION", "OTHER", "BLOCKLIST", "SPII", "MALFORMED_FUNCTION_CALL",
    ]

    static func parse(_ data: Data, model: ImageModel?, imageSize: String?, attempts: Int, keepContent: Bool = false)
        throws -> GenerationResult
    {
        let scanner = InlineDataScanner(data)
        guard let root = (try? JSONSerialization.jsonObject(with: scanner.skeleton)) as? [String: Any] else {
            throw ProviderError(
                .malformed, "the service answered 200 with a body that is not JSON: \(GeminiErrors.excerpt(data))",
                attempts: attempts)
        }
        if let feedback = root["promptFeedback"] as? [String: Any], let reason = feedback["blockReason"] as? String {
            let detail = (feedback["blockReasonMessage"] as? String).map { ": \($0)" } ?? ""
            throw ProviderError(
                .blocked, "the prompt was blocked (\(reason))\(detail)",
                fix: "reword the prompt or change its references", httpStatus: 200, attempts: attempts)
        }
        let candidate = (root["candidates"] as? [[String: Any]])?.first
        let parts = ((candidate?["content"] as? [String: Any])?["parts"] as? [[String: Any]]) ?? []
        let answer = parts.filter { ($0["thought"] as? Bool) != true }
        let text = answer.compactMap { $0["text"] as? String }.joined(separator: "\n")
        let said = text.isEmpty ? "" : "; the model said: \(text.prefix(300))"
        let finish = FinishReason.read(candidate?["finishReason"])
        // The declared mimeType is not trusted (3 Pro labels JPEG bytes image/png): the bytes are sniffed below.
        let image = answer.last { $0["inlineData"] is [String: Any] }
        if let finish, blockingFinishReasons.contains(finish), image == nil {
            throw ProviderError(
                .blocked, "no image: finish reason \(finish)\(said)",
                fix: "reword the prompt; safety blocks are not retried", httpStatus: 200, attempts: attempts)
        }
        if let finish, !blockingFinishReasons.contains(finish),
            let failure = FinishReason.failure(
                finish, message: candidate?["finishMessage"] as? String, said: said, attempts: attempts)
        {
            throw failure
        }
        guard let inline = image?["inlineData"] as? [String: Any] else {
            throw ProviderError(
                .blocked, "the answer has no image (finish reason \(finish ?? "none"))\(said)",
                fix: "ask for the picture explicitly in the prompt, or check response_modalities includes IMAGE",
                httpStatus: 200, attempts: attempts)
        }
        guard let encoded = inline["data"] as? String, let bytes = scanner.decode(encoded) else {
            throw ProviderError(
                .malformed, "the image part is not valid base64",
                fix: "retry; if it persists, report it (a proxy may be rewriting the body)", httpStatus: 200,
                attempts: attempts)
        }
        guard let format = ImageFormat.sniff(bytes) else {
            throw ProviderError(
                .malformed,
                "the image part's bytes are not an image (\(bytes.count) bytes, declared \(inline["mimeType"] as? String ?? "no type"))",
                httpStatus: 200, attempts: attempts)
        }
        let usage = (root["usageMetadata"] as? [String: Any]).map(readUsage)
        let signatures = answer.compactMap { $0["thoughtSignature"] as? String }
        var result = GenerationResult(
            image: bytes, format: format, text: text.isEmpty ? nil : text, thoughtSignatures: signatures, usage: usage,
            modelVersion: root["modelVersion"] as? String, responseID: root["responseId"] as? String,
            costUSD: cost(usage: usage, model: model, imageSize: imageSize), attempts: attempts)
        if keepContent, let content = candidate?["content"] as? [String: Any] {
            result.modelContent = (scanner.restoring(content) as? [String: Any]).flatMap {
                try? ModelContent.encode($0)
            }
        }
        return result
    }

    static func readUsage(_ metadata: [String: Any]) -> TokenUsage {
        func int(_ key: String) -> Int { (metadata[key] as? NSNumber)?.intValue ?? 0 }
        let details = (metadata["candidatesTokensDetails"] as? [[String: Any]]) ?? []
        let image = details.filter { $0["modality"] as? String == "IMAGE" }.compactMap {
            ($0["tokenCount"] as? NSNumber)?.intValue
        }.reduce(0, +)
        return TokenUsage(
            promptTokens: int("promptTokenCount"), outputTokens: int("candidatesTokenCount"),
            thoughtsTokens: int("thoughtsTokenCount"),
            imageTokens: image, totalTokens: int("totalTokenCount"))
    }

    /// Cost from the reported usage and the model's per-token prices; its per-image list price when usage or
    /// token prices are missing (a declared price, say).
    static func cost(usage: TokenUsage?, model: ImageModel?, imageSize: String?) -> Double? {
        guard let model else { return nil }
        guard let usage, let prices = model.tokenPrices else { return model.imagePrice(imageSize: imageSize) }
        let imageTokens = usage.imageTokens > 0 ? usage.imageTokens : (model.imageTokens[imageSize ?? ""] ?? 0)
        let textTokens = max(0, usage.outputTokens - imageTokens) + usage.thoughtsTokens
        return
            (Double(imageTokens) * prices.imageOutput + Double(textTokens) * prices.textOutput
            + Double(usage.promptTokens) * prices.input) / 1_000_000
    }
}

/// Turns HTTP error answers (JSON envelopes, or HTML and text from proxies) into messages with fixes.
enum GeminiErrors {
    /// A short, single-line, tag-free excerpt of a body.
    static func excerpt(_ data: Data, limit: Int = 160) -> String {
        var text = String(decoding: data.prefix(4096), as: UTF8.self)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if text.isEmpty { return "(empty body)" }
        return text.count > limit ? String(text.prefix(limit)) + "…" : "'\(text)'"
    }

    /// The envelope's message and status, and the `RetryInfo` delay when there is one.
    static func envelope(_ data: Data) -> (
        message: String?, status: String?, retryDelay: TimeInterval?, reason: String?
    ) {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let error = root["error"] as? [String: Any]
        else {
            return (nil, nil, nil, nil)
        }
        let details = (error["details"] as? [[String: Any]]) ?? []
        let delay = details.first { ($0["@type"] as? String)?.hasSuffix("google.rpc.RetryInfo") == true }.flatMap {
            RetryPolicy.duration($0["retryDelay"] as? String)
        }
        let reason = details.compactMap { $0["reason"] as? String }.first
        return (error["message"] as? String, error["status"] as? String, delay, reason)
    }

    /// - Parameter row: the model's catalog row, when known: a 404 for a model past its shutdown date says so.
    static func error(
        for response: HTTPResponse, settings: GeminiSettings, model: String, row: ImageModel?, attempts: Int
    ) -> ProviderError {
        let (message, status, _, reason) = envelope(response.body)
        let said = message.map { "'\($0.prefix(300))'" } ?? excerpt(response.body)
        let code = response.status
        switch code {
        case 400 where reason == "API_KEY_INVALID" || (message ?? "").contains("API key not valid"):
            return ProviderError(
                .auth, "the API key from \(settings.keyVariable) was rejected as not valid (HTTP 400)",
                fix: "set a valid key in \(settings.keyVariable); keys are made at https://aistudio.google.com/apikey",
                httpStatus: code, attempts: attempts)
        case 400:
            return ProviderError(
                .rejected, "the service rejected the request (HTTP 400 \(status ?? "")): \(said)",
                fix: "check this asset's config against the model; requests with a 400 are not retried",
                httpStatus: code, attempts: attempts)
        case 403 where (message ?? "").contains("File files/"):
            return ProviderError(
                .rejected, "an uploaded reference is gone at the service (HTTP 403): \(said)",
                fix: "uploads live 48 hours; run again and they are uploaded anew", httpStatus: code, attempts: attempts
            )
        case 401, 403:
            return ProviderError(
                .auth, "permission denied for the key from \(settings.keyVariable) (HTTP \(code)): \(said)",
                fix:
                    "check that the key is set, has the Generative Language API enabled, and was not reported as leaked",
                httpStatus: code, attempts: attempts)
        case 429 where GeminiErrors.isDailyQuota(response.body):
            var error = ProviderError(
                .unavailable, "the daily quota is used up (HTTP 429 \(status ?? "")): \(said)",
                fix:
                    "wait until the quota resets (midnight Pacific time), or raise it in Google AI Studio; cached images are kept",
                httpStatus: code, attempts: attempts)
            error.dailyQuotaExhausted = true
            return error
        case 404:
            let notFound = "model '\(model)' was not found at \(settings.baseURL.host ?? "the service") (HTTP 404)"
            if let notice = row?.shutdownNotice {
                return ProviderError(
                    .rejected, "\(notFound): \(notice); the service said \(said)", fix: row?.successorAdvice,
                    httpStatus: code, attempts: attempts)
            }
            if let notice = row?.deprecationNotice {
                return ProviderError(
                    .rejected, "\(notFound): \(notice), so it may have been shut down; the service said \(said)",
                    fix: row?.successorAdvice, httpStatus: code, attempts: attempts)
            }
            let declared = row?.declaredAt.map { "check the id declared under 'models:' on line \($0.line), or " } ?? ""
            return ProviderError(
                .rejected, "\(notFound): \(said)",
                fix:
                    "\(declared)use one of \(ModelCatalog.builtIn.currentIDs.joined(separator: ", ")); the -preview ids were shut down on 2026-06-25",
                httpStatus: code, attempts: attempts)
        case 300...399:
            let location = response.headers["location"].map { " to \($0)" } ?? ""
            return ProviderError(
                .rejected,
                "the service answered an HTTP \(code) redirect\(location), not followed: the API key goes only to the configured service",
                fix: "set the base URL (api.base_url, --base-url) to the service itself, not an address that redirects",
                httpStatus: code, attempts: attempts)
        default:
            return ProviderError(
                .unavailable, "HTTP \(code)\(status.map { " \($0)" } ?? ""): \(said)",
                fix: RetryPolicy.retryableStatuses.contains(code)
                    ? "the service is busy or failing; run again later (cached images are kept)" : nil,
                httpStatus: code, attempts: attempts)
        }
    }
}
