import AssetManifest
import AssetSupport
import Foundation

/// The judge side of the Gemini client: one `generateContent` call to a text model with the image and the checks,
/// answered as JSON under a `responseSchema` (gemini-api.md, "Image understanding").
extension GeminiProvider: ImageJudge {
    package func judge(_ request: JudgeRequest) async throws -> JudgeAnswer {
        try preflight()
        let body = try JSONSerialization.data(withJSONObject: JudgeWire.body(request), options: [.sortedKeys])
        let http = HTTPRequest(
            url: settings.endpoint(model: request.model.id), headers: settings.headers, body: body,
            timeout: max(settings.connectTimeout, 120))
        var malformed = 0
        while true {
            let (response, attempts, _) = try await exchange(http, model: request.model.id)
            do {
                var answer = try JudgeWire.parse(response.body, request: request)
                answer.attempts = attempts + malformed
                return answer
            } catch let error as ProviderError where malformed + 1 < settings.retry.maxAttempts {
                // A malformed answer is retried like any failed call; it never passes a check.
                _ = error
                malformed += 1
                await sleep(settings.retry.delay(after: malformed, hint: nil))
            } catch var error as ProviderError {
                error.attempts = attempts + malformed
                throw redacted(error)
            }
        }
    }
}

/// The judge's request body and the reading of its answer.
enum JudgeWire {
    /// The instructions: what to read, the numbered questions (`Qn: …`), and the alt text wanted.
    static func prompt(_ request: JudgeRequest) -> String {
        var lines = [
            "You check a generated image for a build tool. Look at the image and answer in JSON.",
            "text_found: every piece of legible text in the image, exactly as written, separated by spaces; empty if none.",
        ]
        let questions = request.checks?.expect ?? []
        if !questions.isEmpty {
            lines.append(
                "answers: for each question below, answer yes or no about the image, with a short reason (one sentence)."
            )
            lines += questions.enumerated().map { "Q\($0.offset + 1): \($0.element)" }
        }
        if let limit = request.altMaxCharacters {
            lines.append(
                "alt_text: an alt text of at most \(limit) characters for a screen reader: what the image shows and any text in it."
            )
        }
        return lines.joined(separator: "\n")
    }

    /// The OpenAPI-subset schema of the answer.
    static func schema(_ request: JudgeRequest) -> [String: Any] {
        var properties: [String: Any] = ["text_found": ["type": "STRING"]]
        var required = ["text_found"]
        if !(request.checks?.expect ?? []).isEmpty {
            properties["answers"] = [
                "type": "ARRAY",
                "items": [
                    "type": "OBJECT",
                    "properties": [
                        "question": ["type": "STRING"], "answer": ["type": "STRING", "enum": ["yes", "no"]],
                        "reason": ["type": "STRING"],
                    ],
                    "required": ["question", "answer", "reason"],
                ],
            ]
            required.append("answers")
        }
        if request.altMaxCharacters != nil {
            properties["alt_text"] = ["type": "STRING"]
            required.append("alt_text")
        }
        return ["type": "OBJECT", "properties": properties, "required": required]
    }

    static func body(_ request: JudgeRequest) -> [String: Any] {
        [
            "contents": [
                [
                    "role": "user",
                    "parts": [
                        [
                            "inlineData": [
                                "mimeType": request.format.mimeType, "data": request.image.base64EncodedString(),
                            ]
                        ],
                        ["text": prompt(request)],
                    ],
                ]
            ],
            "generationConfig": [
                "responseMimeType": "application/json", "responseSchema": schema(request), "temperature": 0,
            ],
        ]
    }

    static func malformed(_ what: String) -> ProviderError {
        ProviderError(
            .malformed, "the judge's answer is not the JSON asked for: \(what)",
            fix: "run again; a judge answer that cannot be read never passes a check")
    }

    /// Reads the answer: one JSON text part with every asked question answered, in order.
    static func parse(_ data: Data, request: JudgeRequest) throws -> JudgeAnswer {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw malformed("the body is not JSON")
        }
        let candidate = (root["candidates"] as? [[String: Any]])?.first
        let parts = ((candidate?["content"] as? [String: Any])?["parts"] as? [[String: Any]]) ?? []
        let text = parts.filter { ($0["thought"] as? Bool) != true }.compactMap { $0["text"] as? String }.joined()
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw malformed("no JSON object in the text part (\(text.prefix(80)))")
        }
        guard let found = object["text_found"] as? String else { throw malformed("no text_found") }
        let questions = request.checks?.expect ?? []
        let items = (object["answers"] as? [[String: Any]]) ?? []
        var answers: [JudgeAnswerItem] = []
        for (index, question) in questions.enumerated() {
            let item =
                items.first { ($0["question"] as? String) == question } ?? (index < items.count ? items[index] : [:])
            guard let said = (item["answer"] as? String)?.lowercased(), said == "yes" || said == "no" else {
                throw malformed("no yes or no for '\(question)'")
            }
            answers.append(
                JudgeAnswerItem(question: question, yes: said == "yes", reason: item["reason"] as? String ?? ""))
        }
        var alt: String?
        if let limit = request.altMaxCharacters {
            guard let said = object["alt_text"] as? String, !said.isEmpty else { throw malformed("no alt_text") }
            alt = String(said.prefix(limit))
        }
        let usageObject = root["usageMetadata"] as? [String: Any] ?? [:]
        let number = { (key: String) in (usageObject[key] as? NSNumber)?.intValue ?? 0 }
        let usage = TokenUsage(
            promptTokens: number("promptTokenCount"), outputTokens: number("candidatesTokenCount"),
            thoughtsTokens: number("thoughtsTokenCount"), totalTokens: number("totalTokenCount"))
        let cost = request.model.cost(
            promptTokens: usage.promptTokens, outputTokens: usage.outputTokens + usage.thoughtsTokens)
        return JudgeAnswer(
            textFound: found, answers: answers, altText: alt, usage: usage, costUSD: cost,
            modelVersion: root["modelVersion"] as? String)
    }
}
