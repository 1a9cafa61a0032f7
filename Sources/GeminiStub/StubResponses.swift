import AssetProviders
import AssetSupport
import Foundation

/// The stub's answer bodies, shaped as the real service's.
enum StubResponses {
    static func htmlPage(_ code: Int) -> Data {
        Data(
            "<!DOCTYPE html><html><head><title>\(code) Bad Gateway</title></head><body><h1>\(code) Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>"
                .utf8)
    }

    /// A real PNG at the exact size, in horizontal bands whose colours come from `seed`; `label` (the turn and
    /// its instruction) goes in a `Comment` text chunk.
    static func png(size: PixelSize, seed: ContentHash, label: String? = nil) -> Data {
        let bytes = Array(seed.hex.utf8)
        let text = [("Software", "gemini-stub")] + (label.map { [("Comment", $0)] } ?? [])
        return try! PNGEncoder.encode(width: size.width, height: size.height, text: text) {
            y, row in
            let band = (y * 8 / max(size.height, 1)) % 8
            let r = bytes[band] &* 3
            let g = bytes[band + 8] &* 5
            let b = bytes[band + 16] &* 7
            for x in 0..<size.width {
                row[x * 3] = r
                row[x * 3 + 1] = g
                row[x * 3 + 2] = b
            }
        }
    }

    /// A real PNG whose pixels are mostly noise: about 10 bits in 24 survive compression.
    static func noisyPNG(size: PixelSize, seed: ContentHash) -> Data {
        var state = UInt64(truncatingIfNeeded: seed.hex.hashValue) | 1
        return try! PNGEncoder.encode(width: size.width, height: size.height, text: [("Software", "gemini-stub noise")])
        { _, row in
            for x in 0..<row.count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                row[x] = UInt8(truncatingIfNeeded: state) & 0x1F | 0x40
            }
        }
    }

    /// A 200 answer: thought parts for thinking models, then text and the final image with signatures.
    static func success(
        model: StubModel, imageSize: String?, image: Data, mime: String, thinking: Bool, promptTokens: Int,
        seed: ContentHash
    ) -> [String: Any] {
        var parts: [[String: Any]] = []
        if thinking {
            parts.append(["text": "**Planning the composition**\nBlocking in the main shapes first.", "thought": true])
            if model.interimImages {
                let interim = png(size: PixelSize(width: 64, height: 64), seed: SHA256.hash("interim" + seed.hex))
                parts.append([
                    "inlineData": ["mimeType": "image/png", "data": interim.base64EncodedString()], "thought": true,
                ])
            }
        }
        let signature = Data(SHA256.hash("sig" + seed.hex).hex.utf8).base64EncodedString()
        parts.append(["text": "Here is your image.", "thoughtSignature": signature])
        parts.append([
            "inlineData": ["mimeType": mime, "data": image.base64EncodedString()], "thoughtSignature": signature,
        ])
        let imageTokens = model.imageTokens[imageSize ?? ""] ?? 1120
        let thoughts = thinking ? 180 : 0
        return [
            "candidates": [["content": ["role": "model", "parts": parts], "finishReason": "STOP", "index": 0]],
            "usageMetadata": [
                "promptTokenCount": promptTokens, "candidatesTokenCount": imageTokens + 10,
                "thoughtsTokenCount": thoughts,
                "totalTokenCount": promptTokens + imageTokens + 10 + thoughts,
                "candidatesTokensDetails": [
                    ["modality": "IMAGE", "tokenCount": imageTokens], ["modality": "TEXT", "tokenCount": 10],
                ],
            ],
            "modelVersion": model.id,
            "responseId": StubResponses.responseID(),
        ]
    }

    /// A new id for every answer, as the service gives (22 characters): two identical requests answered in
    /// the same millisecond are still two responses.
    static func responseID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(22))
    }

    /// The answer with its parts signed as Gemini 3 signs them (see `StubSignatures`).
    static func signingParts(_ response: [String: Any]) -> [String: Any] {
        guard var candidates = response["candidates"] as? [[String: Any]],
            var content = candidates.first?["content"] as? [String: Any],
            let parts = content["parts"] as? [[String: Any]]
        else { return response }
        content["parts"] = StubSignatures.signParts(parts)
        candidates[0]["content"] = content
        var result = response
        result["candidates"] = candidates
        return result
    }

    /// The answer with the final image's `data` replaced (a damaged answer).
    static func replacingFinalImageData(in response: [String: Any], with text: String) -> [String: Any] {
        guard var candidates = response["candidates"] as? [[String: Any]],
            var content = candidates.first?["content"] as? [String: Any],
            var parts = content["parts"] as? [[String: Any]], var inline = parts.last?["inlineData"] as? [String: Any]
        else { return response }
        inline["data"] = text
        parts[parts.count - 1]["inlineData"] = inline
        content["parts"] = parts
        candidates[0]["content"] = content
        var result = response
        result["candidates"] = candidates
        return result
    }
}
