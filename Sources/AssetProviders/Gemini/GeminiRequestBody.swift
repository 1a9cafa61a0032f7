import AssetManifest
import AssetSupport
import Foundation

/// Builds the `generateContent` body exactly as Google's SDKs (python-genai, js-genai) serialize the same
/// call: camelCase keys; one user turn holding the prompt then each reference inline, in order;
/// `systemInstruction` as a user-role Content; tools and safety settings at the top level; the rest in
/// `generationConfig`. Only values that are set are sent.
package enum GeminiRequestBody {
    /// - Parameter uploaded: references (by index) sent as `fileData` parts instead of inline.
    package static func make(
        prompt: String, config: GenerationConfig, references: [ReferenceImage], model: ImageModel?,
        uploaded: [Int: UploadedFile] = [:], history: [ConversationTurn] = []
    ) -> [String: Any] {
        var parts: [[String: Any]] = [["text": prompt]]
        for (index, reference) in references.enumerated() {
            if let file = uploaded[index] {
                parts.append(["fileData": ["fileUri": file.uri, "mimeType": reference.format.mimeType]])
            } else {
                parts.append([
                    "inlineData": ["data": reference.data.base64EncodedString(), "mimeType": reference.format.mimeType]
                ])
            }
        }
        var body: [String: Any] = ["contents": historyContents(history) + [["parts": parts, "role": "user"]]]
        if let instruction = config.systemInstruction {
            body["systemInstruction"] = ["parts": [["text": instruction]], "role": "user"]
        }
        if config.googleSearch == true || config.imageSearch == true {
            if config.imageSearch == true {
                body["tools"] = [
                    ["googleSearch": ["searchTypes": ["webSearch": [String: Any](), "imageSearch": [String: Any]()]]]
                ]
            } else {
                body["tools"] = [["googleSearch": [String: Any]()]]
            }
        }
        if let safety = config.safetySettings, !safety.isEmpty {
            body["safetySettings"] = safety.keys.sorted().map { ["category": $0, "threshold": safety[$0]!] }
        }
        var generation: [String: Any] = [:]
        if let temperature = config.temperature { generation["temperature"] = temperature }
        if let topP = config.topP { generation["topP"] = topP }
        if let seed = config.seed { generation["seed"] = seed }
        if let modalities = config.responseModalities { generation["responseModalities"] = modalities }
        var image: [String: Any] = [:]
        if let ratio = config.aspectRatio { image["aspectRatio"] = ratio }
        if let size = config.imageSize { image["imageSize"] = size }
        if !image.isEmpty { generation["imageConfig"] = image }
        var thinking: [String: Any] = [:]
        if let level = config.thinkingLevel { thinking["thinkingLevel"] = level.uppercased() }
        if let include = config.includeThoughts { thinking["includeThoughts"] = include }
        if !thinking.isEmpty { generation["thinkingConfig"] = thinking }
        if !generation.isEmpty { body["generationConfig"] = generation }
        return body
    }

    /// Earlier turns as `contents` entries: user turns as sent, model turns exactly as they were answered.
    static func historyContents(_ history: [ConversationTurn]) -> [[String: Any]] {
        history.map { turn in
            switch turn {
            case .user(let prompt, let references):
                let images: [[String: Any]] = references.map {
                    ["inlineData": ["data": $0.data.base64EncodedString(), "mimeType": $0.format.mimeType]]
                }
                return ["parts": [["text": prompt]] + images, "role": "user"]
            case .model(let content):
                return ModelContent.decode(content) ?? ["parts": [[String: Any]](), "role": "model"]
            }
        }
    }

    /// Which references to upload so the request fits in `limit` bytes: the largest first, until it fits.
    /// `baseSize` is the body's size with every reference inline.
    static func referencesToUpload(_ references: [ReferenceImage], baseSize: Int, limit: Int) -> [Int] {
        var size = baseSize
        var chosen: [Int] = []
        for (index, reference) in references.enumerated().sorted(by: { $0.element.data.count > $1.element.data.count })
        where size > limit {
            chosen.append(index)
            size -= (reference.data.count + 2) / 3 * 4
        }
        return chosen.sorted()
    }

    /// The body as JSON bytes, keys sorted so identical requests are identical bytes.
    package static func encode(_ body: [String: Any]) throws -> Data {
        try InlineDataSplice.encode(body, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
