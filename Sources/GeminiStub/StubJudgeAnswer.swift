import AssetSupport
import Foundation

extension GeminiStub {
    /// Scripts the judge: `question` answers `answer` the first `times` it is asked, the other answer after.
    package func scriptJudge(_ script: JudgeScript) { lock.withLock { judgeScripts.append(script) } }

    /// Remembers what an image the stub answered shows, so the judge can read it back.
    func rememberDrawing(imageSHA256: String, prompt: String?) {
        let prompt = prompt ?? ""
        lock.withLock { drawings[imageSHA256] = StubDrawing(prompt: prompt, words: StubJudge.quotedWords(prompt)) }
    }

    /// Answers a text model's `generateContent`: structured JSON when asked, one text part, with usage.
    func judge(_ body: [String: Any], modelID: String) -> Result<[String: Any], StubRefusal> {
        let parts = StubValidation.parts(body)
        guard !parts.isEmpty else {
            return .failure(StubRefusal(400, "* GenerateContentRequest.contents: contents is not specified"))
        }
        let images = parts.filter { $0["inlineData"] != nil || $0["fileData"] != nil }
        for (index, part) in images.enumerated() {
            if let refusal = StubValidation.checkImage(part, position: index + 1, file: files.live) {
                return .failure(refusal)
            }
        }
        let generation = (body["generationConfig"] as? [String: Any]) ?? [:]
        if let modalities = generation["responseModalities"] as? [String], modalities.contains("IMAGE") {
            return .failure(StubRefusal(400, "Model does not support the requested response modalities: image"))
        }
        let mime = generation["responseMimeType"] as? String ?? "text/plain"
        let hasSchema = generation["responseSchema"] != nil || generation["responseJsonSchema"] != nil
        if generation["responseSchema"] != nil, generation["responseJsonSchema"] != nil {
            return .failure(
                StubRefusal(400, "response_schema and response_json_schema cannot both be set."))
        }
        if hasSchema, mime != "application/json", mime != "text/x.enum" {
            return .failure(
                StubRefusal(
                    400,
                    "* GenerateContentRequest.generation_config.response_mime_type: response_mime_type must be application/json or text/x.enum when response_schema is set.\n"
                ))
        }
        let prompt = StubValidation.prompt(body) ?? ""
        let drawing = images.first.flatMap { part -> StubDrawing? in
            guard let inline = part["inlineData"] as? [String: Any], let text = inline["data"] as? String,
                let data = Data(base64AnyAlphabet: text)
            else { return nil }
            let hash = SHA256.hash(data).hex
            return lock.withLock { drawings[hash] }
        }
        let answer = verdict(prompt: prompt, drawing: drawing)
        let text: String
        if mime == "application/json" {
            let data = try! JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = (answer["alt_text"] as? String) ?? (answer["text_found"] as? String) ?? ""
        }
        let promptTokens = prompt.utf8.count / 4 + 258 * images.count + 4
        let outputTokens = text.utf8.count / 4 + 1
        let thoughts = 96
        let seed = SHA256.hash(prompt + text)
        return .success([
            "candidates": [
                [
                    "content": ["role": "model", "parts": [["text": text]]], "finishReason": "STOP", "index": 0,
                ]
            ],
            "usageMetadata": [
                "promptTokenCount": promptTokens, "candidatesTokenCount": outputTokens, "thoughtsTokenCount": thoughts,
                "totalTokenCount": promptTokens + outputTokens + thoughts,
                "promptTokensDetails": [
                    ["modality": "TEXT", "tokenCount": promptTokens - 258 * images.count],
                    ["modality": "IMAGE", "tokenCount": 258 * images.count],
                ],
            ],
            "modelVersion": modelID, "responseId": StubResponses.responseID(),
        ])
    }

    /// The judge's answer object: the text drawn, each question's scripted answer, and alt text when asked.
    func verdict(prompt: String, drawing: StubDrawing?) -> [String: Any] {
        let words = drawing?.words ?? []
        var answer: [String: Any] = ["text_found": words.joined(separator: " ")]
        answer["answers"] = StubJudge.questions(prompt).map { question -> [String: Any] in
            let yes = lock.withLock { () -> Bool in
                guard let index = judgeScripts.firstIndex(where: { $0.question == question }) else { return true }
                if judgeScripts[index].times > 0 {
                    judgeScripts[index].times -= 1
                    return judgeScripts[index].answer
                }
                return !judgeScripts[index].answer
            }
            return [
                "question": question, "answer": yes ? "yes" : "no",
                "reason": yes ? "stub: the picture shows it" : "stub: scripted no for this question",
            ]
        }
        if let limit = StubJudge.altLimit(prompt) {
            var alt = drawing.map { "An illustration: \($0.prompt)" } ?? "An image the stub did not draw"
            if !words.isEmpty {
                alt += " with the words \(words.map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", "))"
            }
            answer["alt_text"] = String(alt.prefix(limit))
        }
        return answer
    }
}
